package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Torn tails are cut in the default mode; every other kind of damage is an error or, in skip-corrupt, a report. */
class DamagedLogTest {
    @TempDir
    Path dir;
    Path segment;
    final List<LogProblem> problems = new ArrayList<>();

    @BeforeEach
    void writeFiveRecords() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            for (int i = 0; i < 5; i++) {
                log.append(upsert("id-" + i, i));
            }
        }
        segment = TestLogs.lastSegment(dir);
    }

    @Test
    void truncatedLastLineIsCutOffOnOpenAndReported() throws Exception {
        long size = Files.size(segment);
        try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size - 10);
        }
        long tornAt = TestLogs.offsetOfLine(segment, 4);
        try (WriteAheadLog log = Wal.open(config(dir).problemListener(problems::add).build())) {
            assertThat(log.nextLsn()).isEqualTo(4);
            assertThat(log.append(upsert("new", 1f))).isEqualTo(4);
            assertThat(lsns(log.read(0))).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(LogProblem.Kind.TORN_TAIL);
            assertThat(problem.offset()).isEqualTo(tornAt);
            assertThat(problem.lsn()).isEqualTo(4);
        });
    }

    @Test
    void zeroFilledTailIsATornTail() throws Exception {
        TestLogs.appendBytes(segment, "\0".repeat(4096));
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(5);
        }
        assertThat(TestLogs.lines(segment)).hasSize(5);
    }

    @Test
    void truncatedLastLineIsAnErrorInStrictMode() throws Exception {
        TestLogs.appendBytes(segment, "5|{\"Upsert\":{\"names");
        assertThatThrownBy(() -> Wal.open(config(dir).recoveryMode(RecoveryMode.STRICT).build()))
                .asInstanceOf(type(CorruptLogException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(CorruptLogException.Kind.TORN_TAIL);
                    assertThat(e.segment()).isEqualTo(segment);
                    assertThat(e.expectedLsn()).isEqualTo(5);
                });
    }

    @Test
    void readOnlyInspectionReadsATornTailAsTheEndWithoutCuttingIt() throws Exception {
        TestLogs.appendBytes(segment, "5|{\"Upsert\":{\"names");
        long size = Files.size(segment);
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems);
        assertThat(lsns(inspector.read(0))).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(Files.size(segment)).isEqualTo(size);
    }

    @Test
    void garbageLineMidFileIsCorruptionNamingSegmentOffsetAndLsn() throws Exception {
        long offset = TestLogs.offsetOfLine(segment, 2);
        TestLogs.corrupt(segment, offset + 3, "#garbage#");
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems);
        assertThatThrownBy(() -> lsns(inspector.read(0)))
                .asInstanceOf(type(CorruptLogException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(CorruptLogException.Kind.CORRUPT_RECORD);
                    assertThat(e.segment()).isEqualTo(segment);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.expectedLsn()).isEqualTo(2);
                    assertThat(e.getMessage()).contains(segment.toString()).contains("offset " + offset);
                });
    }

    @Test
    void garbageLineMidFileIsSkippedAndReportedInSkipCorruptMode() throws Exception {
        long offset = TestLogs.offsetOfLine(segment, 2);
        TestLogs.corrupt(segment, offset + 3, "#garbage#");
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.SKIP_CORRUPT, problems);
        assertThat(lsns(inspector.read(0))).containsExactly(0L, 1L, 3L, 4L);
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(LogProblem.Kind.SKIPPED_RECORD);
            assertThat(problem.offset()).isEqualTo(offset);
            assertThat(problem.lsn()).isEqualTo(2);
        });
    }

    @Test
    void garbageLineMidFileStopsTheWriterFromOpeningInTheDefaultMode() throws Exception {
        TestLogs.corrupt(segment, TestLogs.offsetOfLine(segment, 3) + 3, "#garbage#");
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class);
    }

    @Test
    void garbledLsnIsCorruptionNeverZero() throws Exception {
        long offset = TestLogs.offsetOfLine(segment, 2);
        TestLogs.corrupt(segment, offset, "x");
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.STRICT, problems);
        assertThatThrownBy(() -> lsns(inspector.read(0)))
                .asInstanceOf(type(CorruptLogException.class))
                .satisfies(e -> {
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.detail()).contains("decimal LSN");
                });
    }

    @Test
    void lsnGapIsCorruption() throws Exception {
        TestLogs.corrupt(segment, TestLogs.offsetOfLine(segment, 3), "7");
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems);
        assertThatThrownBy(() -> lsns(inspector.read(0)))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("LSN gap: expected 3, found 7");
    }

    @Test
    void lsnGoingBackwardsIsCorruption() throws Exception {
        TestLogs.corrupt(segment, TestLogs.offsetOfLine(segment, 3), "1");
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.STRICT, problems);
        assertThatThrownBy(() -> lsns(inspector.read(0)))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("LSN out of order: expected 3, found 1");
    }

    @Test
    void lsnGoingBackwardsIsSkippedAndReportedInSkipCorruptMode() throws Exception {
        TestLogs.corrupt(segment, TestLogs.offsetOfLine(segment, 3), "1");
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.SKIP_CORRUPT, problems);
        assertThat(lsns(inspector.read(0))).containsExactly(0L, 1L, 2L, 4L);
        assertThat(problems).hasSize(2);
    }

    @Test
    void verifyReportsEveryProblemWithoutStopping() throws Exception {
        TestLogs.corrupt(segment, TestLogs.offsetOfLine(segment, 1) + 3, "#");
        TestLogs.appendBytes(segment, "5|{\"Upsert\"");
        VerifyReport report = TestLogs.inspect(dir, RecoveryMode.STRICT, problems).verify();
        assertThat(report.clean()).isFalse();
        assertThat(report.problems()).extracting(LogProblem::kind)
                .containsExactly(LogProblem.Kind.SKIPPED_RECORD, LogProblem.Kind.TORN_TAIL);
        assertThat(report.records()).isEqualTo(4);
    }

    @Test
    void verifyOfACleanLogFindsNothing() {
        VerifyReport report = TestLogs.inspect(dir, RecoveryMode.STRICT, problems).verify();
        assertThat(report.clean()).isTrue();
        assertThat(report.records()).isEqualTo(5);
        assertThat(report.lastLsn()).isEqualTo(4);
    }

    @Test
    void damagedCheckpointFileIsAnError() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.checkpoint();
        }
        TestLogs.corrupt(dir.resolve("checkpoint"), 20, "9");
        assertThatThrownBy(() -> Wal.open(config(dir).build()))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("checkpoint file");
    }
}
