package dev.jwal.cli;

import dev.jwal.bookkeeper.BookKeeperWalConfig;
import picocli.CommandLine.Option;

/** The replication options of a log on BookKeeper ({@code bk://HOST:PORT/NAME} in place of a directory). */
final class BookKeeperOptions {
    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "3",
            description = "For a bk:// log: bookies each new ledger is spread over (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--write-quorum", paramLabel = "N", defaultValue = "3",
            description = "For a bk:// log: bookies each entry is written to (default: ${DEFAULT-VALUE}).")
    int writeQuorum;

    @Option(names = "--ack-quorum", paramLabel = "N", defaultValue = "2",
            description = "For a bk:// log: bookies that must have an entry in their fsynced journal before it is "
                    + "acknowledged (default: ${DEFAULT-VALUE}).")
    int ackQuorum;

    /**
     * The configuration of the log at {@code location}.
     *
     * @param codec the codec new records are written with, or null for the default
     * @throws CliFailure (bad input) if the quorums do not fit together
     */
    BookKeeperWalConfig config(BookKeeperLocation location, String codec) {
        try {
            BookKeeperWalConfig.Builder builder = BookKeeperWalConfig.builder(location.zooKeeper(), location.logName())
                    .quorums(ensemble, writeQuorum, ackQuorum);
            if (codec != null) {
                builder.codec(codec);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw CliFailure.badInput(e.getMessage(), e);
        }
    }
}
