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
    void statsIsOneJsonObjectWithTheLogsSizesAndPositions() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE, UPSERT), "append", log, "--segment-size", "200");
        long bytes = 0;
        for (Path segment : Lines.segments(log)) {
            bytes += Files.size(segment);
        }

        Cli.Result stats = Cli.run("stats", log);

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

        Cli.Result stats = Cli.run("stats", log);

        JsonNode json = JSON.readTree(stats.out());
        assertThat(json.get("segments").asInt()).isZero();
        assertThat(json.get("firstLsn").isNull()).isTrue();
        assertThat(json.get("lastLsn").isNull()).isTrue();
        assertThat(json.get("nextLsn").asLong()).isZero();
        assertThat(json.get("checkpointLsn").isNull()).isTrue();
    }

    @Test
    void statsOfAMissingDirectoryFailsWithExitCode3() {
        assertThat(Cli.run("stats", temp.resolve("missing")).exitCode()).isEqualTo(3);
    }
}
