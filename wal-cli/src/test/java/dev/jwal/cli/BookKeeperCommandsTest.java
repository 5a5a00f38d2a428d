package dev.jwal.cli;

import dev.jwal.bookkeeper.sandbox.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.DELETE;
import static dev.jwal.cli.Lines.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;

/** The wal command on logs at bk://HOST:PORT/NAME, on an in-process cluster of three bookies. */
class BookKeeperCommandsTest {
    private static final AtomicInteger LOGS = new AtomicInteger();

    @TempDir
    static Path clusterDirectory;
    @TempDir
    Path temp;
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        try {
            cluster = LocalCluster.start(clusterDirectory, 0, 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static String freshLog() {
        return "bk://" + cluster.zooKeeperConnect() + "/cli-" + LOGS.incrementAndGet();
    }

    @Test
    void appendedEntriesAreDumpedRecoveredAndVerifiedFromTheCluster() {
        String log = freshLog();
        Cli.Result append = Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE), "append", log,
                "--echo-acks");
        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.out()).isEqualTo("0\n1\n2\n3\n");

        Cli.Result dump = Cli.run("dump", log);
        assertThat(dump.out().lines()).hasSize(4).first().asString().startsWith("{\"lsn\":0,");
        assertThat(Cli.run("recover", log).out().lines()).hasSize(1).first().asString()
                .startsWith("{\"lsn\":3,\"entry\":{\"Delete\"");
        Cli.Result verify = Cli.run("verify", log);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("clean: ").contains("4 record(s), LSN 0 to 3, checkpoint at LSN 2");
        assertThat(Cli.run("stats", log, "--json").out())
                .contains("\"nextLsn\":4").contains("\"checkpointLsn\":2").contains("\"firstLsn\":0");
    }

    @Test
    void convertingADirectoryToTheClusterAndBackKeepsLsnsMarkersAndTheCheckpoint() {
        Path directory = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE, UPSERT), "append", directory,
                "--segment-size", "100");
        String log = freshLog();
        Path back = temp.resolve("back");

        Cli.Result toCluster = Cli.run("convert", directory, log, "--codec", "kryo");
        Cli.Result toDirectory = Cli.run("convert", log, back, "--codec", "json");

        assertThat(toCluster.exitCode()).as(toCluster.toString()).isZero();
        assertThat(toCluster.err()).contains("converted 5 record(s), LSN 0 to 4, checkpoint at LSN 2");
        assertThat(toDirectory.exitCode()).as(toDirectory.toString()).isZero();
        String original = Cli.run("dump", directory).out();
        assertThat(Cli.run("dump", log).out()).isEqualTo(original);
        assertThat(Cli.run("dump", back).out()).isEqualTo(original);
        assertThat(Cli.run("recover", log).out()).isEqualTo(Cli.run("recover", directory).out());
        assertThat(Cli.run("stats", back, "--json").out()).contains("\"checkpointLsn\":2");
    }

    @Test
    void convertingIntoALogThatHoldsRecordsIsRefused() {
        String log = freshLog();
        Cli.runWithLines(List.of(CREATE), "append", log);
        Path directory = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE), "append", directory);

        Cli.Result convert = Cli.run("convert", directory, log, "--codec", "json");

        assertThat(convert.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(convert.err()).contains("already holds");
    }

    @Test
    void aLogThatDoesNotExistIsAnErrorForReadingCommands() {
        Cli.Result dump = Cli.run("dump", freshLog());
        assertThat(dump.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(dump.err()).contains("no log 'cli-");
    }

    @Test
    void repairIsRefusedWithTheReason() {
        Cli.Result repair = Cli.run("repair", freshLog());
        assertThat(repair.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(repair.err()).contains("no torn tail to repair");
    }

    @Test
    void quorumsThatDoNotFitAreBadInput() {
        Cli.Result append = Cli.runWithLines(List.of(CREATE), "append", freshLog(), "--ensemble", "2",
                "--write-quorum", "3");
        assertThat(append.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(append.err()).contains("ack quorum <= write quorum <= ensemble");
    }

    @Test
    void theSandboxPrintsItsLocationFirstKeepsItsDataAcrossRestartsAndStopsOnSigterm() throws Exception {
        Path data = temp.resolve("sandbox");
        String cluster;
        Process sandbox = startSandbox(data);
        try (BufferedReader out = reader(sandbox)) {
            cluster = out.readLine();
            assertThat(cluster).matches("bk://127\\.0\\.0\\.1:\\d+");
            Cli.Result append = Cli.runWithLines(List.of(CREATE, UPSERT), "append", cluster + "/kept", "--ensemble",
                    "2", "--write-quorum", "2");
            assertThat(append.exitCode()).as(append.toString()).isZero();
        } finally {
            sandbox.destroy();
        }
        assertThat(sandbox.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Process again = startSandbox(data);
        try (BufferedReader out = reader(again)) {
            assertThat(out.readLine()).isEqualTo(cluster);
            assertThat(Cli.run("dump", cluster + "/kept").out().lines()).hasSize(2);
        } finally {
            again.destroy();
        }
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private static Process startSandbox(Path data) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-opens", "java.base/java.io=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), WalCommand.class.getName(), "sandbox", "--bookies", "2",
                "--dir", data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }
}
