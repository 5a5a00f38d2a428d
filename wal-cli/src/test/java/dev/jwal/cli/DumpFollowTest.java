package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code wal dump --follow}: records as they become durable, across rotations and writer restarts (the writer
 * killed with SIGKILL and started again), one JSON line each, ending with exit code 0 on SIGINT and on a closed
 * pipe. The follower and the writers are child JVMs, as on a real machine.
 */
class DumpFollowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SESSIONS = 3;
    private static final int LINES_PER_SESSION = 150;

    @TempDir
    Path temp;

    private static ProcessBuilder wal(Object... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WalCommand.class.getName()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return new ProcessBuilder(command);
    }

    @Test
    void aFollowerInAnotherProcessPrintsEveryRecordWhileItsWriterIsKilledAndRestarted() throws Exception {
        Path log = temp.resolve("log");
        Files.createDirectories(log);
        Process follower = wal("dump", log, "--follow").redirectError(temp.resolve("follower.stderr").toFile())
                .start();
        List<String> followed = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readLines(follower, followed), "follower-output");
        reader.start();
        try {
            for (int session = 0; session < SESSIONS; session++) {
                boolean last = session == SESSIONS - 1;
                runWriter(log, session, last);
            }
            List<String> dumped = Cli.run("dump", log).out().lines().toList();
            assertThat(dumped.size()).as("records the writers left").isGreaterThan(LINES_PER_SESSION);
            await().atMost(WAIT).until(() -> followed.size() >= dumped.size());

            interrupt(follower);

            assertThat(follower.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("SIGINT ends the follower").isTrue();
            reader.join(WAIT.toMillis());
            assertThat(follower.exitValue()).isZero();
            assertThat(Files.readString(temp.resolve("follower.stderr"))).doesNotContain("Exception", "at dev.");
            assertThat(followed).as("every record, in order, no gap, no duplicate").containsExactlyElementsOf(dumped);
        } finally {
            follower.toHandle().destroyForcibly();
        }
    }

    /**
     * Appends {@link #LINES_PER_SESSION} upserts through a writer child; kills it with SIGKILL once half are
     * acknowledged, unless this is the last session, which ends normally.
     */
    private void runWriter(Path log, int session, boolean last) throws Exception {
        Process writer = wal("append", log, "--sync", "every-write", "--echo-acks", "--segment-size", "2KiB")
                .redirectError(temp.resolve("writer-" + session + ".stderr").toFile()).start();
        List<String> acks = Collections.synchronizedList(new ArrayList<>());
        Thread ackReader = new Thread(() -> readLines(writer, acks), "acks-" + session);
        ackReader.start();
        try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(writer.getOutputStream(),
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < LINES_PER_SESSION; i++) {
                in.write(Lines.upsert("s" + session + "-" + i, i, -i));
                in.newLine();
                in.flush();
                if (!last && i == LINES_PER_SESSION / 2) {
                    await().atMost(WAIT).until(() -> acks.size() > LINES_PER_SESSION / 4);
                    writer.toHandle().destroyForcibly();
                    break;
                }
            }
        } catch (IOException killed) {
            // The pipe broke with the killed writer.
        }
        assertThat(writer.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ackReader.join(WAIT.toMillis());
        assertThat(writer.exitValue()).as("session %d", session).isEqualTo(last ? 0 : 137);
    }

    private static void readLines(Process process, List<String> into) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                into.add(line);
            }
        } catch (IOException gone) {
            // The process ended.
        }
    }

    /**
     * Sends SIGINT. A process started in the background of a shell without job control inherits SIGINT
     * ignored, and so do the JVMs it starts, which then cannot handle it: what this test checks cannot be
     * checked there, so it stops as skipped rather than failed.
     */
    private static void interrupt(Process process) throws Exception {
        assumeThat(sigintIgnoredHere()).as("SIGINT is ignored by this process and its children (started in the "
                + "background of a shell without job control)").isFalse();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Whether this process ignores SIGINT (Linux: bit 2 of the SigIgn mask in /proc/self/status). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    @Test
    void aFollowerWhoseOutputIsClosedByItsReaderExitsZeroWithoutAMessage() {
        Path log = temp.resolve("log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(Lines.upsert("v" + i, i, i / 7f));
        }
        assertThat(Cli.runWithLines(lines, "append", log).exitCode()).isZero();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = WalCommand.commandLine(new CliStreams(new ByteArrayInputStream(new byte[0]),
                new PipeClosedAfter(10_000), err)).execute("dump", log.toString(), "--follow");

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void followingFromAnLsnPrintsWhatTheDumpPrintsFromIt() throws Exception {
        Path log = temp.resolve("log");
        List<String> lines = List.of(Lines.CREATE, Lines.upsert("a", 1f), Lines.upsert("b", 2f));
        assertThat(Cli.runWithLines(lines, "append", log).exitCode()).isZero();
        Process follower = wal("dump", log, "--follow", "--from", 1).start();
        List<String> followed = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readLines(follower, followed), "follower-output");
        reader.start();
        try {
            await().atMost(WAIT).until(() -> followed.size() >= 2);
            interrupt(follower);
            assertThat(follower.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            reader.join(WAIT.toMillis());
            assertThat(follower.exitValue()).isZero();
            assertThat(followed).containsExactlyElementsOf(Cli.run("dump", log, "--from", 1).out().lines().toList());
        } finally {
            follower.toHandle().destroyForcibly();
        }
    }
}
