package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wal append} stores a valid json input line as it was given, and reads it back as the entry it holds. */
class AppendKeepsInputTextTest {
    private static final String SPELLED_OUT = "{ \"Upsert\" : {\"namespace\":\"docs\",\"vectors\":[{\"id\":\"v1\","
            + "\"values\":[1e-7, 2, 0.50],\"metadata\":null}]} }";
    private static final String CANONICAL = "{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":[{\"id\":\"v1\","
            + "\"values\":[1.0E-7,2.0,0.5],\"metadata\":null}]}}";

    @TempDir
    Path temp;

    @Test
    void aValidLineIsStoredAsGivenAndReadsBackAsTheEntryItHolds() throws IOException {
        Path log = temp.resolve("log");

        Cli.Result append = Cli.runWithLines(List.of(SPELLED_OUT), "append", log);

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(segmentText(log)).isEqualTo("0|" + SPELLED_OUT + "\n");
        assertThat(Cli.run("dump", log).outLines()).containsExactly(Lines.record(0, CANONICAL));
    }

    @Test
    void aLineWithACarriageReturnInsideIsStoredInTheCanonicalForm() throws IOException {
        Path log = temp.resolve("log");
        String withCarriageReturn = SPELLED_OUT.replace(", 2,", ",\r2,");

        Cli.Result append = Cli.runWithInput((withCarriageReturn + "\n").getBytes(StandardCharsets.UTF_8), "append", log);

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(segmentText(log)).isEqualTo("0|" + CANONICAL + "\n");
    }

    @Test
    void anotherCodecStoresTheEntryNotTheText() {
        Path log = temp.resolve("log");

        Cli.Result append = Cli.runWithLines(List.of(SPELLED_OUT), "append", log, "--codec", "kryo");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(Cli.run("dump", log).outLines()).containsExactly(Lines.record(0, CANONICAL));
    }

    private static String segmentText(Path log) throws IOException {
        try (Stream<Path> files = Files.list(log)) {
            Path segment = files.filter(p -> p.getFileName().toString().endsWith(".wal")).findFirst().orElseThrow();
            return Files.readString(segment, StandardCharsets.UTF_8);
        }
    }
}
