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

class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void aCleanLogVerifiesWithExitCode0() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE), "append", log, "--segment-size", "100");

        Cli.Result verify = Cli.run("verify", log);

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.outLines()).hasSize(1);
        assertThat(verify.out()).startsWith("clean: ").contains("4 record(s)", "LSN 0 to 3", "checkpoint at LSN 2");
    }

    @Test
    void aGarbageLineInTheMiddleFailsWithExitCode1AndIsReportedWithItsSegmentOffsetAndLsn() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, DELETE, CREATE), "append", log);
        Path segment = Lines.onlySegment(log);
        long garbageOffset = Lines.insertLine(segment, 2, "this line is garbage");
        byte[] damaged = Files.readAllBytes(segment);

        Cli.Result verify = Cli.run("verify", log);

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.outLines()).first().asString()
                .startsWith("problem 1: corruption in segment " + segment)
                .contains("at offset " + garbageOffset, "LSN 2");
        assertThat(verify.outLines()).last().asString().startsWith("NOT CLEAN: ").contains("1 problem(s)");
        assertThat(Files.readAllBytes(segment)).as("verify changes nothing").isEqualTo(damaged);
    }

    @Test
    void aTornTailFailsVerificationAndIsReportedAsATornTail() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT), "append", log);
        Path segment = Lines.onlySegment(log);
        long tornAt = Files.size(segment);
        Lines.appendRaw(segment, "2|{\"Del");

        Cli.Result verify = Cli.run("verify", log);

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.outLines()).first().asString()
                .startsWith("problem 1: torn tail in segment " + segment)
                .contains("at offset " + tornAt, "LSN 2");
        assertThat(Files.size(segment)).as("the torn tail is not cut").isEqualTo(tornAt + 7);
    }

    @Test
    void aDamagedCheckpointFileIsReportedAsCorruption() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, CHECKPOINT), "append", log);
        Files.writeString(log.resolve("checkpoint"), "jwal-checkpoint 1 lsn=1 crc32c=00000000\n");

        Cli.Result verify = Cli.run("verify", log);

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("corruption", "checkpoint", "NOT CLEAN");
    }

    @Test
    void verifyOfAMissingDirectoryFailsWithExitCode3() {
        Cli.Result verify = Cli.run("verify", temp.resolve("missing"));

        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.err()).contains("no log directory");
    }

    @Test
    void verifyJsonOfACleanLogIsOneObjectWithNoProblems() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE), "append", log, "--segment-size", "100");

        Cli.Result verify = Cli.run("verify", log, "--json");

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.outLines()).hasSize(1);
        JsonNode json = JSON.readTree(verify.out());
        assertThat(json.get("directory").asText()).isEqualTo(log.toString());
        assertThat(json.get("clean").asBoolean()).isTrue();
        assertThat(json.get("segments").asInt()).isEqualTo(Lines.segments(log).size());
        assertThat(json.get("records").asLong()).isEqualTo(4);
        assertThat(json.get("firstLsn").asLong()).isZero();
        assertThat(json.get("lastLsn").asLong()).isEqualTo(3);
        assertThat(json.get("checkpointLsn").asLong()).isEqualTo(2);
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void verifyJsonListsEveryProblemWithItsSegmentOffsetLsnAndKind() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, DELETE, CREATE), "append", log);
        Path segment = Lines.onlySegment(log);
        long garbageOffset = Lines.insertLine(segment, 2, "this line is garbage");
        long tornAt = Files.size(segment);
        Lines.appendRaw(segment, "4|{\"Del");

        Cli.Result verify = Cli.run("verify", log, "--json");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        JsonNode json = JSON.readTree(verify.out());
        assertThat(json.get("clean").asBoolean()).isFalse();
        JsonNode problems = json.get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("kind").asText()).isEqualTo("corruption");
        assertThat(problems.get(0).get("segment").asText()).isEqualTo(segment.toString());
        assertThat(problems.get(0).get("offset").asLong()).isEqualTo(garbageOffset);
        assertThat(problems.get(0).get("lsn").asLong()).isEqualTo(2);
        assertThat(problems.get(0).get("detail").asText()).isNotBlank();
        assertThat(problems.get(1).get("kind").asText()).isEqualTo("torn-tail");
        assertThat(problems.get(1).get("segment").asText()).isEqualTo(segment.toString());
        assertThat(problems.get(1).get("offset").asLong()).isEqualTo(tornAt);
        assertThat(problems.get(1).get("lsn").asLong()).isEqualTo(4);
    }

    @Test
    void verifyJsonReportsADamagedCheckpointFileWithAnUnknownLsn() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, CHECKPOINT), "append", log);
        Files.writeString(log.resolve("checkpoint"), "jwal-checkpoint 1 lsn=1 crc32c=00000000\n");

        Cli.Result verify = Cli.run("verify", log, "--json");

        assertThat(verify.exitCode()).isEqualTo(1);
        JsonNode problem = JSON.readTree(verify.out()).get("problems").get(0);
        assertThat(problem.get("kind").asText()).isEqualTo("corruption");
        assertThat(problem.get("segment").asText()).endsWith("checkpoint");
        assertThat(problem.get("lsn").isNull()).isTrue();
    }
}
