package dev.jwal.cli;

import dev.jwal.bookkeeper.sandbox.LocalBookie;
import dev.jwal.bookkeeper.sandbox.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code wal sandbox --bookies N --dir D [--zk-port P]}: a BookKeeper cluster to try jwal on, in the foreground:
 * ZooKeeper and N bookies from their own server classes in this JVM, data under D (kept across restarts), the
 * cluster's location {@code bk://127.0.0.1:P} as the first line on standard output; SIGINT or SIGTERM stops every
 * part cleanly. {@code --join bk://HOST:PORT} starts bookies alone for a cluster another sandbox runs. For trying
 * things out, never for production: one machine holds every copy.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs a BookKeeper cluster in the foreground to try logs on BookKeeper: ZooKeeper and bookies, data "
                        + "kept under --dir across restarts.",
                "Prints bk://127.0.0.1:PORT first on standard output; logs on it are bk://127.0.0.1:PORT/NAME. "
                        + "Ctrl-C (SIGINT) or SIGTERM stops it cleanly. With --join, starts bookies alone for the "
                        + "cluster at bk://HOST:PORT (another sandbox). Not for production: one machine holds every "
                        + "copy."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class SandboxCommand extends LogCommand {
    @Option(names = "--bookies", paramLabel = "N", defaultValue = "3",
            description = "Bookies to run (default: ${DEFAULT-VALUE}; logs need --ensemble of them, 3 by default).")
    private int bookies;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "Where ZooKeeper and the bookies keep their data (and ports), created if missing.")
    private Path directory;

    @Option(names = "--zk-port", paramLabel = "PORT", defaultValue = "0",
            description = "ZooKeeper's port; default: the one of the last run in DIR, else a free one.")
    private int zooKeeperPort;

    @Option(names = "--join", paramLabel = "bk://HOST:PORT",
            description = "Start bookies alone for the cluster whose ZooKeeper is HOST:PORT.")
    private String join;

    @Override
    protected int execute() throws IOException, InterruptedException {
        if (bookies < (join == null ? 0 : 1) || bookies > 64) {
            throw CliFailure.badInput("--bookies must be between " + (join == null ? 0 : 1) + " and 64, was "
                    + bookies, null);
        }
        if (zooKeeperPort < 0 || zooKeeperPort > 65_535 || join != null && zooKeeperPort != 0) {
            throw CliFailure.badInput("--zk-port must be a port (0 for any), and is not taken with --join", null);
        }
        // The bookies bind and advertise IPv4 loopback; set before anything opens a socket.
        System.setProperty("java.net.preferIPv4Stack", "true");
        LocalCluster cluster = join == null
                ? LocalCluster.start(directory, zooKeeperPort, bookies)
                : LocalCluster.join(directory, BookKeeperLocation.parse(join, false).zooKeeper(), bookies);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "wal-sandbox-stop"));
        String location = BookKeeperLocation.SCHEME + cluster.zooKeeperConnect();
        OutputStream out = bufferedStdout();
        out.write((location + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        info("sandbox: " + (join == null ? "ZooKeeper on port " + cluster.zooKeeper().port() + ", " : "joined "
                + location + ", ") + cluster.bookies().size() + " bookie(s) on port(s) " + cluster.bookies().stream()
                .map(LocalBookie::port).map(String::valueOf).collect(Collectors.joining(", ")) + ", data in "
                + directory + "; Ctrl-C stops it");
        // Runs until a signal; the shutdown hook then stops every part before the JVM exits.
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }
}
