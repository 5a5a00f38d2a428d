package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.DELETE;
import static dev.jwal.cli.Lines.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;

class ConvertCommandTest {
    @TempDir
    Path temp;

    @Test
    void convertingToEachBinaryCodecAndBackKeepsTheDumpAndTheRecovery() {
        Path json = temp.resolve("json");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE, UPSERT), "append", json, "--segment-size", "100");
        Cli.Result originalDump = Cli.run("dump", json);
        Cli.Result originalRecovery = Cli.run("recover", json);
        for (String codec : List.of("kryo", "protobuf")) {
            Path binary = temp.resolve(codec);
            Path back = temp.resolve(codec + "-back");

            Cli.Result toBinary = Cli.run("convert", json, binary, "--codec", codec);
            Cli.Result toJson = Cli.run("convert", binary, back, "--codec", "json");

            assertThat(toBinary.exitCode()).as(toBinary.toString()).isZero();
            assertThat(toBinary.err()).contains("converted 5 record(s), LSN 0 to 4, checkpoint at LSN 2");
            assertThat(toJson.exitCode()).as(toJson.toString()).isZero();
            assertThat(Cli.run("dump", binary).out()).isEqualTo(originalDump.out());
            assertThat(Cli.run("recover", binary).out()).isEqualTo(originalRecovery.out());
            assertThat(Cli.run("dump", back).out()).isEqualTo(originalDump.out());
        }
    }

    @Test
    void convertingIntoAnExistingLogIsRefused() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE), "append", log);

        Cli.Result convert = Cli.run("convert", log, log, "--codec", "kryo");

        assertThat(convert.exitCode()).isEqualTo(3);
        assertThat(convert.err()).contains("already holds a log");
    }

    @Test
    void convertingToAnUnknownCodecNamesIt() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE), "append", log);

        Cli.Result convert = Cli.run("convert", log, temp.resolve("out"), "--codec", "smile");

        assertThat(convert.exitCode()).isEqualTo(2);
        assertThat(convert.err()).contains("no codec named 'smile'");
    }
}
