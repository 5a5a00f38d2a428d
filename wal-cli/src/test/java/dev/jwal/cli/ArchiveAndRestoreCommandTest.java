package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.jwal.cli.Lines.CHECKPOINT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code wal archive DIR DEST} and {@code wal restore ARCHIVE DIR --to-lsn N}: point-in-time recovery. */
class ArchiveAndRestoreCommandTest {
    @TempDir
    Path temp;

    /** A log of 30 records in small segments, a checkpoint among them; closed. */
    private Path log() {
        Path log = temp.resolve("log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(i == 15 ? CHECKPOINT : Lines.upsert("v" + i, i, i + 0.5f));
        }
        Cli.Result append = Cli.runWithLines(lines, "append", log, "--segment-size", "400");
        assertThat(append.exitCode()).as(append.toString()).isZero();
        return log;
    }

    private static byte[] concatenated(Path directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Path segment : Lines.segments(directory)) {
            bytes.write(Files.readAllBytes(segment));
        }
        return bytes.toByteArray();
    }

    @Test
    void archiveCopiesEverySegmentOfAClosedLogAndSaysSo() throws IOException {
        Path log = log();
        Path archive = temp.resolve("archive");

        Cli.Result run = Cli.run("archive", log, archive);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        int segments = Lines.segments(log).size();
        assertThat(run.err()).contains(segments + " segment(s) copied", "0 already there");
        assertThat(concatenated(archive)).isEqualTo(concatenated(log));
    }

    @Test
    void archivingTwiceCopiesNothingTheSecondTime() throws IOException {
        Path log = log();
        Path archive = temp.resolve("archive");
        Cli.run("archive", log, archive);

        Cli.Result again = Cli.run("archive", log, archive);

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("0 segment(s) copied", Lines.segments(log).size() + " already there");
    }

    @Test
    void archiveRefusesToReplaceADifferentFileWithExitCode2() throws IOException {
        Path log = log();
        Path archive = temp.resolve("archive");
        Files.createDirectories(archive);
        Path foreign = archive.resolve(Lines.segments(log).get(0).getFileName());
        Files.writeString(foreign, "not this log's segment\n");

        Cli.Result run = Cli.run("archive", log, archive);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("differs from");
        assertThat(Files.readString(foreign)).isEqualTo("not this log's segment\n");
    }

    @Test
    void restoreToAnLsnRebuildsAPrefixOfTheLogThatDumpsUpToIt() throws IOException {
        Path log = log();
        Path archive = temp.resolve("archive");
        Cli.run("archive", log, archive);
        Path restored = temp.resolve("restored");

        Cli.Result run = Cli.run("restore", archive, restored, "--to-lsn", 20);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("restored LSN 0 to 20");
        byte[] copy = concatenated(restored);
        assertThat(Arrays.copyOf(concatenated(log), copy.length)).isEqualTo(copy);
        List<String> dumped = Cli.run("dump", restored).outLines();
        assertThat(dumped).hasSize(21);
        assertThat(dumped).isEqualTo(Cli.run("dump", log).outLines().subList(0, 21));
    }

    @Test
    void restoreRefusesANonEmptyDirectoryWithExitCode2() throws IOException {
        Path log = log();
        Path archive = temp.resolve("archive");
        Cli.run("archive", log, archive);

        Cli.Result run = Cli.run("restore", archive, log, "--to-lsn", 3);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("is not empty");
    }

    @Test
    void restoreOfAMissingArchiveFailsWithExitCode3() {
        Cli.Result run = Cli.run("restore", temp.resolve("nothing"), temp.resolve("restored"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("does not exist");
    }
}
