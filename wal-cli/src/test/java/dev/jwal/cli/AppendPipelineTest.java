package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code wal append} on inputs longer than one hand-off batch between its reading and appending threads. */
class AppendPipelineTest {
    @TempDir
    Path temp;

    private static List<String> upserts(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(upsert("v" + i, i, -i * 0.5f, 1e-7f * i));
        }
        return lines;
    }

    @Test
    void manyEntriesAreAppendedInInputOrderAcrossBatches() {
        Path log = temp.resolve("log");
        List<String> input = upserts(3 * InputDecoder.MAX_ENTRIES + 17);

        Cli.Result append = Cli.runWithLines(input, "append", log, "--sync", "manual", "--echo-acks");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.outLines()).hasSize(input.size()).first().isEqualTo("0");
        List<String> dump = Cli.run("dump", log).outLines();
        assertThat(dump).hasSize(input.size());
        for (int i = 0; i < input.size(); i++) {
            assertThat(dump.get(i)).startsWith("{\"lsn\":" + i + ",").contains("\"id\":\"v" + i + "\"");
        }
    }

    @Test
    void aBadLineDeepInTheInputKeepsEverythingBeforeItAndNothingAfter() {
        Path log = temp.resolve("log");
        List<String> input = upserts(2 * InputDecoder.MAX_ENTRIES + 50);
        int bad = InputDecoder.MAX_ENTRIES + 30; // index of the bad line: line bad + 1
        input.set(bad, "{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":[{\"id\":\"x\",\"values\":[1e39],\"metadata\":null}]}}");

        Cli.Result append = Cli.runWithLines(input, "append", log, "--sync", "manual", "--echo-acks");

        assertThat(append.exitCode()).as(append.toString()).isEqualTo(2);
        assertThat(append.err()).contains("line " + (bad + 1) + " ").contains("1e39");
        assertThat(append.outLines()).hasSize(bad);
        assertThat(Cli.run("dump", log).outLines()).hasSize(bad)
                .last().asString().contains("\"id\":\"v" + (bad - 1) + "\"");
    }

    @Test
    void checkpointLinesAmongManyEntriesTakeCheckpointsWhereTheyStand() {
        Path log = temp.resolve("log");
        List<String> input = upserts(600);
        input.add(300, CHECKPOINT);
        input.add(CHECKPOINT);

        Cli.Result append = Cli.runWithLines(input, "append", log, "--sync", "manual", "--echo-acks");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.outLines()).hasSize(602);
        List<String> dump = Cli.run("dump", log).outLines();
        assertThat(dump.get(300)).isEqualTo(Lines.record(300, Lines.checkpointEntry(300)));
        assertThat(dump.get(601)).isEqualTo(Lines.record(601, Lines.checkpointEntry(601)));
        assertThat(Cli.run("recover", log).outLines()).isEmpty();
    }
}
