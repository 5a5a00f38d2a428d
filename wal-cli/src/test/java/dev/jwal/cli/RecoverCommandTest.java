package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.BEGIN_7;
import static dev.jwal.cli.Lines.CHECKPOINT;
import static dev.jwal.cli.Lines.COMMIT_7;
import static dev.jwal.cli.Lines.CREATE;
import static dev.jwal.cli.Lines.DELETE;
import static dev.jwal.cli.Lines.DROP;
import static dev.jwal.cli.Lines.ROLLBACK_7;
import static dev.jwal.cli.Lines.UPSERT;
import static dev.jwal.cli.Lines.record;
import static dev.jwal.cli.Lines.upsert;
import static org.assertj.core.api.Assertions.assertThat;

class RecoverCommandTest {
    @TempDir
    Path temp;

    @Test
    void recoveryReplaysOnlyTheEntriesAfterTheLastCheckpoint() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, UPSERT, CHECKPOINT, DELETE, CHECKPOINT, upsert("late", 1f), DROP), "append", log);

        Cli.Result recover = Cli.run("recover", log);

        assertThat(recover.exitCode()).as(recover.toString()).isZero();
        assertThat(recover.outLines()).containsExactly(record(5, upsert("late", 1f)), record(6, DROP));
    }

    @Test
    void entriesOfRolledBackAndUnfinishedTransactionsAreNotReplayed() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(
                BEGIN_7, upsert("committed", 1f), COMMIT_7,
                BEGIN_7, upsert("rolled-back", 2f), ROLLBACK_7,
                DELETE,
                BEGIN_7, upsert("unfinished", 3f)), "append", log);

        Cli.Result recover = Cli.run("recover", log);

        assertThat(recover.outLines()).containsExactly(record(1, upsert("committed", 1f)), record(6, DELETE));
    }

    @Test
    void aTornTailIsLeftOutByDefaultAndFailsStrictRecovery() throws Exception {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, CHECKPOINT, UPSERT), "append", log);
        Lines.appendRaw(Lines.onlySegment(log), "3|{\"Delete\":{\"namespace\":\"docs\",\"ids\":[\"v");

        Cli.Result lenient = Cli.run("recover", log);
        Cli.Result strict = Cli.run("recover", log, "--recovery", "strict");

        assertThat(lenient.exitCode()).as(lenient.toString()).isZero();
        assertThat(lenient.outLines()).containsExactly(record(2, UPSERT));
        assertThat(lenient.err()).contains("warning: torn tail", "LSN 3");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.err()).startsWith("wal recover: torn tail in ");
    }

    /**
     * A writer that crashes inside a transaction leaves a TxnBegin with no
     * commit or rollback at the end of the log. The next writer rolls it back
     * when it opens, so what it appends is not inside the dead transaction.
     */
    @Test
    void entriesAppendedAfterARestartAreReplayedEvenIfACrashLeftATransactionOpen() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(CREATE, BEGIN_7, upsert("in-crashed-txn", 1f)), "append", log);

        Cli.Result acks = Cli.runWithLines(List.of(DELETE), "append", log, "--echo-acks");
        Cli.Result recover = Cli.run("recover", log);

        assertThat(acks.outLines()).as("acknowledged at LSN 3 or later").hasSize(1);
        assertThat(recover.outLines()).containsExactly(record(0, CREATE), record(Long.parseLong(acks.out().strip()), DELETE));
    }

    @Test
    void recoverOfAMissingDirectoryFailsWithExitCode3() {
        Cli.Result recover = Cli.run("recover", temp.resolve("missing"));

        assertThat(recover.exitCode()).isEqualTo(3);
        assertThat(recover.err()).contains("no log directory");
    }
}
