package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A usage error is one line saying what was wrong and one with a hint, not the whole help page. */
class UsageErrorTest {
    @TempDir
    Path temp;

    @Test
    void anUnknownOptionIsOneLineAndAHintWithTheNearestOption() {
        Cli.Result run = Cli.run("append", temp.resolve("log"), "--sycn=manual");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("wal append: unknown option: '--sycn=manual'",
                "did you mean --sync? see 'wal append --help'");
    }

    @Test
    void aMissingParameterIsOneLineAndAHint() {
        Cli.Result run = Cli.run("verify");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly("wal verify: missing required parameter: 'DIR'",
                "see 'wal verify --help'");
    }

    @Test
    void anInvalidValueSaysWhyInOneLine() {
        Cli.Result run = Cli.run("append", temp.resolve("log"), "--segment-size", "64XB");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .startsWith("wal append: invalid value for option '--segment-size': '64XB' has an unknown unit 'XB'");
        assertThat(run.err()).doesNotContain("Usage:");
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        Cli.Result run = Cli.run("verfiy", temp);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err().lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("did you mean verify? see 'wal --help'");
    }

    @Test
    void noCommandAtAllIsOneLineAndAHint() {
        Cli.Result run = Cli.run();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).startsWith("wal: missing a command").endsWith("see 'wal --help'" + System.lineSeparator());
    }

    @Test
    void helpStillPrintsTheWholePageAndListsTheNewOptions() {
        assertThat(Cli.run("--help").out()).contains("generate-completion", "Exit codes:");
        assertThat(Cli.run("stats", "--help").out()).contains("--json", "--no-progress");
        assertThat(Cli.run("verify", "--help").out()).contains("--json");
        assertThat(Cli.run("append", "--help").out()).contains("--segment-size=SIZE", "64MiB");
        assertThat(Cli.run("convert", "--help").out()).contains("--segment-size=SIZE");
    }
}
