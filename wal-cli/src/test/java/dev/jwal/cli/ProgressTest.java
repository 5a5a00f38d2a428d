package dev.jwal.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress is drawn on standard error only when it is a terminal: never into a pipe or a file. The bar's
 * delay is zero here, so any run would draw one.
 */
class ProgressTest {
    private static final int ENTRIES = 3000;

    @TempDir
    Path temp;

    private Duration savedDelay;

    @BeforeEach
    void drawAtOnce() {
        savedDelay = Progress.delay;
        Progress.delay = Duration.ZERO;
    }

    @AfterEach
    void restoreDelay() {
        Progress.delay = savedDelay;
    }

    @Test
    void nothingButTheReportGoesToStandardErrorWhenItIsNotATerminal() {
        Path log = temp.resolve("log");
        byte[] input = input();

        Cli.Result append = Cli.runOn(Terminals.none(), input, "append", log, "--sync", "manual");
        Cli.Result verify = Cli.runOn(Terminals.none(), new byte[0], "verify", log);
        Cli.Result recover = Cli.runOn(Terminals.none(), new byte[0], "recover", log);
        Cli.Result convert = Cli.runOn(Terminals.none(), new byte[0], "convert", log, temp.resolve("kryo"),
                "--codec", "kryo");

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.err()).isEmpty();
        assertThat(verify.err()).isEmpty();
        assertThat(recover.err()).isEmpty();
        assertThat(recover.outLines()).hasSize(ENTRIES);
        assertThat(convert.err()).isEqualTo("converted " + ENTRIES + " record(s), LSN 0 to " + (ENTRIES - 1)
                + " into " + temp.resolve("kryo") + " (framed, kryo)" + System.lineSeparator());
    }

    @Test
    void aTerminalGetsABarWithPercentageRateAndCounts() {
        Path log = temp.resolve("log");

        Cli.Result append = Cli.runOn(fd -> fd != 0, input(), "append", log, "--sync", "manual");
        Cli.Result verify = Cli.runOn(Terminals.all(), new byte[0], "verify", log);

        assertThat(append.exitCode()).as(append.toString()).isZero();
        assertThat(append.err()).contains("append", "records", "\r");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.err()).contains("verify", "%", "/s", "records, log ", "\r");
        assertThat(verify.out()).startsWith("clean: ");
    }

    @Test
    void noProgressAndATerminalStdoutCarryingResultsDrawNothing() {
        Path log = temp.resolve("log");
        Cli.runWithInput(input(), "append", log, "--sync", "manual");

        Cli.Result quiet = Cli.runOn(Terminals.all(), new byte[0], "verify", log, "--no-progress");
        Cli.Result recoverOnTerminal = Cli.runOn(Terminals.all(), new byte[0], "recover", log);
        Cli.Result recoverIntoFile = Cli.runOn(fd -> fd == 2, new byte[0], "recover", log);
        Cli.Result typed = Cli.runOn(Terminals.all(), input(), "append", temp.resolve("typed"));

        assertThat(quiet.err()).isEmpty();
        assertThat(recoverOnTerminal.err()).as("the bar would cut into the records").isEmpty();
        assertThat(recoverIntoFile.err()).contains("recover", "%");
        assertThat(typed.err()).as("someone typing entries sees no bar").isEmpty();
    }

    private static byte[] input() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            lines.add(Lines.upsert("v" + i, i, -i));
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
