package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.DELETE;
import static dev.jwal.cli.Lines.UPSERT;
import static dev.jwal.cli.Lines.checkpointEntry;
import static dev.jwal.cli.Lines.record;
import static org.assertj.core.api.Assertions.assertThat;

class DumpCommandTest {
    @TempDir
    Path temp;

    @Test
    void dumpOfAMissingDirectoryFailsWithExitCode3AndAOneLineMessage() {
        Cli.Result dump = Cli.run("dump", temp.resolve("missing"));

        assertThat(dump.exitCode()).isEqualTo(3);
        assertThat(dump.out()).isEmpty();
        assertThat(dump.err()).isEqualTo("wal dump: no log directory at " + temp.resolve("missing")
                + ": it does not exist" + System.lineSeparator());
    }

    @Test
    void fromStartsAtTheGivenLsnMarkersIncluded() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE), "append", log);

        Cli.Result dump = Cli.run("dump", log, "--from", "2");

        assertThat(dump.outLines()).containsExactly(record(2, checkpointEntry(2)), record(3, DELETE));
    }

    @Test
    void aNegativeFromIsAUsageError() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE), "append", log);

        assertThat(Cli.run("dump", log, "--from", "-1").exitCode()).isEqualTo(2);
    }

    @Test
    void aTornTailEndsTheDumpWithAWarningOnStandardErrorAndChangesNothing() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT), "append", log);
        Path segment = Lines.onlySegment(log);
        long tornAt = Files.size(segment);
        Lines.appendRaw(segment, "2|{\"Delete\":{\"nam");
        byte[] before = Files.readAllBytes(segment);

        Cli.Result dump = Cli.run("dump", log);

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.outLines()).containsExactly(record(0, CREATE), record(1, UPSERT));
        assertThat(dump.err()).startsWith("wal dump: warning: torn tail in segment " + segment)
                .contains("at offset " + tornAt, "LSN 2");
        assertThat(Files.readAllBytes(segment)).as("dump repairs nothing").isEqualTo(before);
    }

    @Test
    void aTornTailFailsAStrictDumpWithExitCode1AfterTheRecordsBeforeIt() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT), "append", log);
        Lines.appendRaw(Lines.onlySegment(log), "2|{\"Delete\":{\"nam");

        Cli.Result dump = Cli.run("dump", log, "--recovery", "strict");

        assertThat(dump.exitCode()).isEqualTo(1);
        assertThat(dump.outLines()).containsExactly(record(0, CREATE), record(1, UPSERT));
        assertThat(dump.err()).startsWith("wal dump: torn tail in ").contains("expected LSN 2");
        assertThat(dump.err().lines()).hasSize(1);
    }

    @Test
    void damageInTheMiddleOfTheLogFailsTheDumpWithExitCode1NamingSegmentOffsetAndLsn() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, DELETE), "append", log);
        Path segment = Lines.onlySegment(log);
        long offset = Lines.insertLine(segment, 1, "1|{\"Delete\":garbage}");

        Cli.Result dump = Cli.run("dump", log);

        assertThat(dump.exitCode()).isEqualTo(1);
        assertThat(dump.outLines()).containsExactly(record(0, CREATE));
        assertThat(dump.err()).startsWith("wal dump: corrupt record in " + segment + " at offset " + offset)
                .contains("expected LSN 1");
    }

    @Test
    void skipCorruptReportsEachSkippedRecordOnStandardErrorAndGoesOn() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, DELETE), "append", log);
        Path segment = Lines.onlySegment(log);
        long offset = Lines.insertLine(segment, 1, "garbage");

        Cli.Result dump = Cli.run("dump", log, "--recovery", "skip-corrupt");

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.outLines()).containsExactly(record(0, CREATE), record(1, UPSERT), record(2, DELETE));
        assertThat(dump.err()).startsWith("wal dump: warning: corruption in segment " + segment
                + " at offset " + offset + " (LSN 1)");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE), "append", log);
        Lines.appendRaw(Lines.onlySegment(log), "1|{\"Delete\"");

        Cli.Result dump = Cli.run("dump", log, "--recovery", "strict", "--verbose");

        assertThat(dump.exitCode()).isEqualTo(1);
        assertThat(dump.err()).contains("CorruptLogException").contains("\tat ");
    }

    @Test
    void anUnknownRecoveryModeIsAUsageError() {
        Cli.Result dump = Cli.run("dump", temp, "--recovery", "lenient");

        assertThat(dump.exitCode()).isEqualTo(2);
        assertThat(dump.err()).contains("strict, truncate-torn-tail or skip-corrupt");
    }
}
