package dev.jwal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.DELETE;
import static dev.jwal.cli.Lines.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;

class StatsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void statsJsonIsOneJsonObjectWithTheLogsSizesAndPositions() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE, UPSERT), "append", log, "--segment-size", "200");
        long bytes = 0;
        for (Path segment : Lines.segments(log)) {
            bytes += Files.size(segment);
        }

        Cli.Result stats = Cli.run("stats", log, "--json");

        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.outLines()).hasSize(1);
        JsonNode json = JSON.readTree(stats.out());
        assertThat(json.get("directory").asText()).isEqualTo(log.toString());
        assertThat(json.get("segments").asInt()).isEqualTo(Lines.segments(log).size()).isGreaterThan(1);
        assertThat(json.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(json.get("firstLsn").asLong()).isZero();
        assertThat(json.get("lastLsn").asLong()).isEqualTo(4);
        assertThat(json.get("nextLsn").asLong()).isEqualTo(5);
        assertThat(json.get("checkpointLsn").asLong()).isEqualTo(2);
    }

    @Test
    void anEmptyLogHasNullPositions() throws Exception {
        Path log = Files.createDirectory(temp.resolve("empty"));

        Cli.Result stats = Cli.run("stats", log, "--json");

        JsonNode json = JSON.readTree(stats.out());
        assertThat(json.get("segments").asInt()).isZero();
        assertThat(json.get("firstLsn").isNull()).isTrue();
        assertThat(json.get("lastLsn").isNull()).isTrue();
        assertThat(json.get("nextLsn").asLong()).isZero();
        assertThat(json.get("checkpointLsn").isNull()).isTrue();
    }

    @Test
    void statsWithoutJsonIsASummaryForPeopleWithSizesInHumanUnits() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE, UPSERT), "append", log, "--segment-size", "200B");
        long bytes = 0;
        for (Path segment : Lines.segments(log)) {
            bytes += Files.size(segment);
        }

        Cli.Result stats = Cli.run("stats", log);

        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.outLines()).containsExactly(
                "log          " + log,
                "segments     " + Lines.segments(log).size() + ", " + bytes + " B",
                "records      5, LSN 0 to 4",
                "next LSN     5",
                "checkpoint   LSN 2");
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(UPSERT);
        }
        Path larger = temp.resolve("larger");
        Cli.runWithLines(many, "append", larger);
        long largerBytes = Files.size(Lines.onlySegment(larger));
        assertThat(largerBytes).isGreaterThan(1024);
        assertThat(Cli.run("stats", larger).outLines().get(1)).isEqualTo("segments     1, " + ByteSize.format(largerBytes)
                + String.format(java.util.Locale.ROOT, " (%,d bytes)", largerBytes)).contains("KiB");
    }

    @Test
    void theSummaryOfAnEmptyLogSaysNone() throws Exception {
        Path log = Files.createDirectory(temp.resolve("empty"));

        Cli.Result stats = Cli.run("stats", log);

        assertThat(stats.outLines()).containsExactly("log          " + log, "segments     0, 0 B",
                "records      none", "next LSN     0", "checkpoint   none");
    }

    @Test
    void statsOfAMissingDirectoryFailsWithExitCode3() {
        assertThat(Cli.run("stats", temp.resolve("missing")).exitCode()).isEqualTo(3);
    }
}
