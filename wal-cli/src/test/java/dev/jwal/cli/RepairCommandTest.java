package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;

class RepairCommandTest {
    @TempDir
    Path temp;

    @Test
    void repairCutsATornTailKeepsABrokenCopyAndTheLogVerifiesClean() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT), "append", log);
        Path segment = Lines.onlySegment(log);
        long tornAt = Files.size(segment);
        Lines.appendRaw(segment, "2|{\"Del");

        Cli.Result repair = Cli.run("repair", log);

        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.err()).contains("cut 7 byte(s)", "at offset " + tornAt, ".broken");
        assertThat(Files.size(segment)).isEqualTo(tornAt);
        assertThat(Files.size(segment.resolveSibling(segment.getFileName() + ".broken"))).isEqualTo(tornAt + 7);
        assertThat(Cli.run("verify", log).exitCode()).isZero();
    }

    @Test
    void repairOfACleanLogSaysThereIsNothingToDo() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE), "append", log);

        Cli.Result repair = Cli.run("repair", log);

        assertThat(repair.exitCode()).isZero();
        assertThat(repair.err()).contains("nothing to repair");
    }

    @Test
    void repairLeavesCorruptionBeforeTheEndAloneWithExitCode1() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CREATE), "append", log);
        Lines.insertLine(Lines.onlySegment(log), 1, "garbage");

        Cli.Result repair = Cli.run("repair", log);

        assertThat(repair.exitCode()).isEqualTo(1);
        assertThat(repair.err()).contains("corrupt record");
    }
}
