package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code wal generate-completion}: picocli's bash (and zsh) completion script. */
class CompletionTest {
    @TempDir
    Path temp;

    @Test
    void generateCompletionPrintsAScriptThatCompletesWal() {
        Cli.Result completion = Cli.run("generate-completion");

        assertThat(completion.exitCode()).as(completion.toString()).isZero();
        assertThat(completion.out()).contains("complete -F _complete_wal", "append", "verify", "stats", "--json",
                "--segment-size");
    }

    @Test
    void bashCompletesSubcommandsAndOptionsWithTheScript() throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs bash");
        Path script = temp.resolve("wal_completion");
        Files.writeString(script, Cli.run("generate-completion").out());

        assertThat(complete(bash, script, "wal ver")).isEqualTo("verify");
        assertThat(complete(bash, script, "wal stats --js")).isEqualTo("--json");
        assertThat(complete(bash, script, "wal append --segment-s")).isEqualTo("--segment-size");
        assertThat(complete(bash, script, "wal arch")).isEqualTo("archive");
        assertThat(complete(bash, script, "wal restore --to-l")).isEqualTo("--to-lsn");
    }

    /** What bash offers for the last word of {@code line}, as the script's completion function computes it. */
    private static String complete(Path bash, Path script, String line) throws Exception {
        String program = "source '" + script + "'\n"
                + "COMP_LINE='" + line + "'; COMP_WORDS=(" + line + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_wal wal \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        // compopt complains outside a real completion; what matters is COMPREPLY.
        Process process = new ProcessBuilder(bash.toString(), "--norc", "-c", program)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
