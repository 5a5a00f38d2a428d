package dev.jwal.cli;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.core.LogInspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code wal dump DIR}: prints every record of the log, markers included, one
 * per line as {@code {"lsn":N,"entry":ENTRY}}. Read-only: takes no lock and
 * changes nothing, so it works beside a live writer, reading an incomplete
 * last record as the end of the log. With {@code --follow} it goes on printing
 * records as the writer makes them durable ({@link FollowingDump}).
 */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints every record of the log, markers included.",
                "One record per line: {\"lsn\":N,\"entry\":ENTRY}, ENTRY in the reference's JSON form. Read-only: "
                        + "takes no lock and changes nothing. Problems met while reading go to standard error.",
                "With --follow, goes on printing records as the writer forces them, until Ctrl-C."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class DumpCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory, or bk://HOST:PORT/NAME.")
    private Path directory;

    @Option(names = "--from", paramLabel = "LSN", defaultValue = "0",
            description = "Start at this LSN (default: ${DEFAULT-VALUE}).")
    private long fromLsn;

    @Option(names = "--recovery", paramLabel = "MODE", defaultValue = "truncate-torn-tail",
            converter = RecoveryModeConverter.class,
            description = "How damage is treated: strict, truncate-torn-tail (an incomplete last record ends the "
                    + "log) or skip-corrupt (default: ${DEFAULT-VALUE}).")
    private RecoveryMode recovery;

    @Option(names = "--follow",
            description = "Keep printing records as they become durable (forced by the writer), across segment "
                    + "rotations and writer restarts, like tail -f; until Ctrl-C or the reader of standard output "
                    + "goes away (both exit 0).")
    private boolean follow;

    @Override
    protected int execute() throws IOException {
        if (fromLsn < 0) {
            throw CliFailure.badInput("--from must be a non-negative LSN, was " + fromLsn, null);
        }
        var bookKeeper = bookKeeper(directory, null);
        if (bookKeeper.isPresent()) {
            return BookKeeperCommands.dump(bookKeeper.get(), fromLsn, bufferedStdout());
        }
        requireLogDirectory(directory);
        LogInspector inspector = LogInspector.open(directory, recovery, this::warn);
        if (follow) {
            if (inspector.durableLsn().isEmpty()) {
                info("waiting: no writer has published a durable LSN in " + directory + " yet (records are printed "
                        + "once a jwal writer opens the log and forces them)");
            }
            new FollowingDump(inspector.follow(fromLsn), bufferedStdout()).run();
            return ExitCodes.OK;
        }
        CountingOutputStream out = new CountingOutputStream(bufferedStdout());
        LogSize size = new LogSize(directory);
        try (Progress progress = progress(true, "dump", "", 1, size::records,
                lsn -> "records, " + ByteSize.format(out.count()) + " printed")) {
            long firstLsn = progress.drawn() ? Math.max(0, size.firstLsn()) : 0;
            new RecordPrinter(out).printAll(inspector.read(fromLsn), lsn -> progress.update(lsn - firstLsn + 1));
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }
}
