package dev.jwal.cli;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read-only command on a log it cannot read ends with a non-zero exit code and one clear line on
 * standard error, never a stack trace, a hang or a half-printed record.
 */
class UnreadableLogTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"dump", "recover", "verify", "stats"})
    void aMissingDirectoryExitsNonZeroWithOneLineNamingIt(String command) {
        Path missing = temp.resolve("missing");

        Cli.Result run = Cli.run(command, missing);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(run.err()).as(run.toString())
                .isEqualTo("wal " + command + ": no log directory at " + missing + ": it does not exist"
                        + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump", "recover", "verify", "stats"})
    void aDirectoryNamedLikeASegmentExitsNonZeroWithOneLineNamingIt(String command) throws Exception {
        Path log = temp.resolve("log");
        Files.createDirectories(log.resolve("00000000000000000000.wal"));

        Cli.Result run = Cli.run(command, log);

        assertOneLineFailure(run, command, "00000000000000000000.wal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump", "recover", "verify", "stats"})
    void aLaterSegmentThatIsADirectoryExitsNonZeroWithOneLineNamingIt(String command) throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(Lines.CREATE, Lines.DELETE), "append", log);
        Files.createDirectories(log.resolve("00000000000000000002.wal"));

        Cli.Result run = Cli.run(command, log);

        assertOneLineFailure(run, command, "00000000000000000002.wal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump", "recover", "verify", "stats"})
    void aDamagedLogExitsNonZeroWithOneLineNamingTheSegment(String command) throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(Lines.CREATE, Lines.DELETE, Lines.DROP), "append", log);
        Path segment = Lines.onlySegment(log);
        String text = Files.readString(segment, StandardCharsets.UTF_8);
        Files.writeString(segment, text.replaceFirst("1\\|", "7|"), StandardCharsets.UTF_8); // an LSN gap

        Cli.Result run = Cli.run(command, log);

        assertOneLineFailure(run, command, segment.getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump", "recover", "verify", "stats"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoNamedCheckpointNeitherHangsNorPassesForALog(String command) throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(Lines.CREATE), "append", log);
        Files.deleteIfExists(log.resolve("checkpoint"));
        Process mkfifo = new ProcessBuilder("mkfifo", log.resolve("checkpoint").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        Cli.Result run = Cli.run(command, log);

        assertOneLineFailure(run, command, "checkpoint");
    }

    private static void assertOneLineFailure(Cli.Result run, String command, String naming) {
        assertThat(run.exitCode()).as(run.toString()).isNotZero().isNotEqualTo(ExitCodes.INTERNAL_ERROR);
        String failureLines = run.out() + run.err();
        assertThat(failureLines).as(run.toString()).contains(naming);
        assertThat(run.err().lines().filter(line -> !line.contains("warning:"))).as(run.toString())
                .hasSizeLessThanOrEqualTo(1);
        assertThat(run.err()).as(run.toString()).doesNotContain("\tat ", "Exception:");
    }
}
