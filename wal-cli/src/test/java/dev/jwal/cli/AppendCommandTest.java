package dev.jwal.cli;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.BEGIN_7;
import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.COMMIT_7;
import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.DELETE;
import static dev.jwal.cli.Lines.DROP;
import static dev.jwal.cli.Lines.ROLLBACK_7;
import static dev.jwal.cli.Lines.UPSERT;
import static dev.jwal.cli.Lines.checkpointEntry;
import static dev.jwal.cli.Lines.record;
import static org.assertj.core.api.Assertions.assertThat;

class AppendCommandTest {
    @TempDir
    Path temp;

    @Test
    void entriesOfAllEightTypesDumpBackExactlyAsTheyWereAppended() {
        Path log = temp.resolve("log");
        List<String> input = List.of(CREATE, BEGIN_7, UPSERT, COMMIT_7, CHECKPOINT, BEGIN_7, DELETE, ROLLBACK_7, DROP);

        Cli.Result append = Cli.runWithLines(input, "append", log);
        Cli.Result dump = Cli.run("dump", log);

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.out()).as("no acks were asked for").isEmpty();
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.outLines()).containsExactly(
                record(0, CREATE), record(1, BEGIN_7), record(2, UPSERT), record(3, COMMIT_7),
                record(4, checkpointEntry(4)), record(5, BEGIN_7), record(6, DELETE), record(7, ROLLBACK_7),
                record(8, DROP));
    }

    @Test
    void echoAcksPrintsTheLsnOfEveryEntryAndCheckpointOnePerLine() {
        Cli.Result append = Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE), "append",
                temp.resolve("log"), "--echo-acks");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.outLines()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void blankLinesAreIgnoredAndCrLfLineEndingsAndAMissingLastNewlineAreAccepted() {
        byte[] input = ("\n" + CREATE + "\r\n   \n\t\r\n" + DELETE).getBytes(StandardCharsets.UTF_8);

        Cli.Result append = Cli.runWithInput(input, "append", temp.resolve("log"), "--echo-acks");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.outLines()).containsExactly("0", "1");
        assertThat(Cli.run("dump", temp.resolve("log")).outLines()).containsExactly(record(0, CREATE), record(1, DELETE));
    }

    @Test
    void aLineThatIsNotAnEntryStopsWithExitCode2NamingItsLineNumberAndKeepsWhatCameBefore() {
        Path log = temp.resolve("log");
        List<String> input = List.of(CREATE, "", UPSERT, "{\"Upsert\":{\"namespace\":\"docs\"", DELETE);

        Cli.Result append = Cli.runWithLines(input, "append", log, "--echo-acks");

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).startsWith("wal append: line 4 is not a valid entry").doesNotContain("\tat ");
        assertThat(append.err().lines()).hasSize(1);
        assertThat(append.outLines()).containsExactly("0", "1");
        assertThat(Cli.run("dump", log).outLines()).containsExactly(record(0, CREATE), record(1, UPSERT));
        Cli.Result next = Cli.runWithLines(List.of(DELETE), "append", log, "--echo-acks");
        assertThat(next.outLines()).as("the log was closed and its lock released").containsExactly("2");
    }

    @Test
    void aValueThatOverflowsAFloatIsRefusedWithExitCode2() {
        Path log = temp.resolve("log");
        String overflow = "{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":[{\"id\":\"v1\",\"values\":[1e39],"
                + "\"metadata\":null}]}}";

        Cli.Result append = Cli.runWithLines(List.of(CREATE, overflow), "append", log);

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).contains("line 2").contains("1e39");
        assertThat(Cli.run("dump", log).outLines()).containsExactly(record(0, CREATE));
    }

    @Test
    void aCheckpointEntryCannotBeAppendedAsALineOnlyTakenWithTheCheckpointLine() {
        Cli.Result append = Cli.runWithLines(List.of(CREATE, checkpointEntry(1)), "append", temp.resolve("log"));

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).contains("line 2").contains("CHECKPOINT");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedRatherThanReplaced() {
        byte[] input = "{\"CreateNamespace\":{\"namespace\":\"a\u00ff\"}}\n".getBytes(StandardCharsets.ISO_8859_1);

        Cli.Result append = Cli.runWithInput(input, "append", temp.resolve("log"));

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).contains("line 1").contains("UTF-8");
    }

    @Test
    void aSecondAppendContinuesWhereTheFirstEnded() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT), "append", log);

        Cli.Result second = Cli.runWithLines(List.of(CHECKPOINT, DELETE), "append", log, "--echo-acks");

        assertThat(second.outLines()).containsExactly("2", "3");
    }

    @Test
    void segmentSizeAndSyncPolicyAreApplied() throws Exception {
        Path log = temp.resolve("log");
        List<String> input = List.of(CREATE, UPSERT, UPSERT, UPSERT, DELETE);

        Cli.Result append = Cli.runWithLines(input, "append", log, "--segment-size", "100", "--sync", "periodic:2");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(Lines.segments(log)).hasSizeGreaterThan(2);
        assertThat(Cli.run("dump", log).outLines()).hasSize(5);
    }

    @Test
    void theFramedFormatHoldsTheSameEntriesAndCanFollowLinesSegmentsInOneDirectory() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT), "append", log);

        Cli.Result framed = Cli.runWithLines(List.of(CHECKPOINT, DELETE), "append", log, "--format", "framed");

        assertThat(framed.exitCode()).as(framed.toString()).isZero();
        assertThat(Lines.segments(log)).hasSize(2);
        assertThat(Files.readAllBytes(Lines.segments(log).get(1))[0]).as("framed magic").isEqualTo((byte) 0x89);
        assertThat(Cli.run("dump", log).outLines())
                .containsExactly(record(0, CREATE), record(1, UPSERT), record(2, checkpointEntry(2)), record(3, DELETE));
        assertThat(Cli.run("verify", log).exitCode()).isZero();
    }

    @Test
    void theLinesFormatRefusesACodecOtherThanJson() {
        Cli.Result append = Cli.runWithLines(List.of(CREATE), "append", temp.resolve("log"),
                "--codec", "other", "--format", "lines");

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).contains("lines format holds only the 'json' codec");
    }

    @Test
    void anUnknownSyncPolicyIsAUsageErrorNamingTheAcceptedForms() {
        Cli.Result append = Cli.runWithLines(List.of(CREATE), "append", temp.resolve("log"), "--sync", "always");

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).contains("every-write, periodic:N, interval:MS or manual");
    }

    @Test
    void anUnknownCodecIsRefusedWithExitCode2() {
        Cli.Result append = Cli.runWithLines(List.of(CREATE), "append", temp.resolve("log"), "--codec", "nope");

        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err()).contains("no codec named 'nope'");
    }

    @Test
    void aDirectoryOpenByAnotherWriterFailsWithExitCode3() {
        Path log = temp.resolve("log");
        try (WriteAheadLog writer = Wal.open(WalConfig.builder(log).build())) {
            writer.append(new WalEntry.CreateNamespace("held"));

            Cli.Result append = Cli.runWithLines(List.of(CREATE), "append", log);

            assertThat(append.exitCode()).isEqualTo(3);
            assertThat(append.err()).contains("already open");
        }
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.Result help = Cli.run("append", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--echo-acks", "--segment-size", "--sync", "Exit codes:", "3   I/O error");
    }

    @Test
    void theCommandsOwnStreamsAreUsedNotTheProcesses() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliStreams streams = new CliStreams(new ByteArrayInputStream((CREATE + "\n").getBytes(StandardCharsets.UTF_8)),
                out, new ByteArrayOutputStream());

        int exitCode = WalCommand.commandLine(streams)
                .execute("append", temp.resolve("log").toString(), "--echo-acks");

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("0\n");
    }
}
