package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader that stops reading standard output early (as {@code head} does) ends the command quietly. */
class OutputClosedByReaderTest {
    @TempDir
    Path temp;

    /** A log big enough that its dump overflows a pipe's buffer many times over. */
    private Path bigLog() {
        Path log = temp.resolve("log");
        List<String> lines = new ArrayList<>();
        float[] values = new float[128];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 7f;
        }
        for (int i = 0; i < 2000; i++) {
            lines.add(Lines.upsert("v" + i, values));
        }
        assertThat(Cli.runWithLines(lines, "append", log, "--sync", "manual").exitCode()).isZero();
        return log;
    }


    private static Cli.Result run(OutputStream out, Object... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] arguments = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = WalCommand.commandLine(new CliStreams(new ByteArrayInputStream(new byte[0]), out, err)).execute(arguments);
        return new Cli.Result(code, "", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dumpIntoAPipeClosedByItsReaderExitsZeroWithoutAMessage() {
        Path log = bigLog();

        Cli.Result dump = run(new PipeClosedAfter(100_000), "dump", log);

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.err()).isEmpty();
    }

    @Test
    void anyOtherFailureToWriteStandardOutputIsStillAnIoError() {
        Path log = bigLog();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        Cli.Result dump = run(full, "dump", log);

        assertThat(dump.exitCode()).isEqualTo(3);
        assertThat(dump.err()).contains("No space left on device");
    }

    @Test
    void aRealProcessPipedIntoAReaderThatStopsEarlyExitsQuietly() throws Exception {
        Path log = bigLog();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WalCommand.class.getName(), "dump", log.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).startsWith("{\"lsn\":0,");
        } // closed after one line, as head -1 does
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).isEmpty();
        assertThat(process.exitValue()).isZero();
    }
}
