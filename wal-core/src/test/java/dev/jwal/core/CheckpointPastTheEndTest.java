package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.CheckpointFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A checkpoint past the end of the log means segments are missing: every reader says so, not only the writer. */
class CheckpointPastTheEndTest {
    @TempDir
    Path dir;

    @BeforeEach
    void logOfThreeRecordsWithACheckpointAtFifty() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            for (int i = 0; i < 3; i++) {
                log.append(upsert("id-" + i, i));
            }
        }
        CheckpointFile.write(LogFileSystem.standard(), dir, 50);
    }

    @Test
    void theWriterRefusesToOpen() {
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("checkpoint is at LSN 50");
    }

    @Test
    void recoveryByTheInspectorIsAnErrorNotAnEmptyReplay() {
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        assertThatThrownBy(inspector::recover).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("segments are missing");
    }

    @Test
    void aCheckpointAtTheLastRecordReplaysNothingWithoutAnError() throws Exception {
        CheckpointFile.write(LogFileSystem.standard(), dir, 2);
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        try (RecordCursor replay = inspector.recover()) {
            assertThat(replay.hasNext()).isFalse();
        }
    }

    @Test
    void aCheckpointBeforeTheEndReplaysTheRecordsAfterIt() throws Exception {
        CheckpointFile.write(LogFileSystem.standard(), dir, 0);
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        try (RecordCursor replay = inspector.recover()) {
            assertThat(TestLogs.entries(replay)).containsExactly(upsert("id-1", 1), upsert("id-2", 2));
        }
    }

    @Test
    void theSummaryIsAnError() {
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        assertThatThrownBy(inspector::summary).isInstanceOf(CorruptLogException.class);
    }

    @Test
    void verifyReportsIt() {
        VerifyReport report = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { }).verify();
        assertThat(report.problems()).extracting(LogProblem::detail)
                .anySatisfy(detail -> assertThat(detail).contains("checkpoint is at LSN 50"));
    }
}
