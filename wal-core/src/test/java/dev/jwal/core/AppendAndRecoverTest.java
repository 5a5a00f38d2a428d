package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.LsnRange;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendAndRecoverTest {
    @TempDir
    Path dir;

    @Test
    void lsnsStartAtZeroAndAreContiguous() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.append(upsert("a", 1f))).isZero();
            assertThat(log.append(upsert("b", 2f))).isEqualTo(1);
            assertThat(log.append(new WalEntry.Delete("ns", List.of("a")))).isEqualTo(2);
            assertThat(log.nextLsn()).isEqualTo(3);
        }
    }

    @Test
    void recoverReplaysEveryEntryOfALogWithoutCheckpoint() {
        List<WalEntry> written = List.of(new WalEntry.CreateNamespace("ns"), upsert("a", 1f, 2f),
                new WalEntry.Delete("ns", List.of("a")), new WalEntry.DeleteNamespace("ns"));
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            written.forEach(log::append);
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(entries(log.recover())).isEqualTo(written);
        }
    }

    @Test
    void reopenContinuesWithTheNextLsn() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 1f));
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(2);
            assertThat(log.append(upsert("c", 1f))).isEqualTo(2);
            assertThat(lsns(log.read(0))).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void recoveryAfterReopenReplaysOnlyWhatFollowsThePersistedCheckpoint() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("before", 1f));
            assertThat(log.checkpoint()).isEqualTo(1);
            log.append(upsert("after", 1f));
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.lastCheckpointLsn()).hasValue(1);
            assertThat(entries(log.recover())).containsExactly(upsert("after", 1f));
        }
    }

    @Test
    void recoverAfterAnLsnAppliesTheTransactionRulesFromThere() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.appendTransaction(1, List.of(upsert("b", 1f)));
            log.append(new WalEntry.TxnBegin(2));
            log.append(upsert("never-committed", 1f));
            assertThat(entries(log.recoverAfter(0))).containsExactly(upsert("b", 1f));
            assertThat(entries(log.recoverAfter(-1))).containsExactly(upsert("a", 1f), upsert("b", 1f));
        }
    }

    @Test
    void checkpointRecordCarriesItsOwnLsn() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            long lsn = log.checkpoint();
            assertThat(entries(log.read(lsn))).containsExactly(new WalEntry.Checkpoint(lsn));
        }
    }

    @Test
    void committedTransactionIsReplayedAsAWhole() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            LsnRange range = log.appendTransaction(7, List.of(upsert("a", 1f), upsert("b", 2f)));
            assertThat(range).isEqualTo(new LsnRange(0, 3));
            assertThat(entries(log.read(0))).containsExactly(new WalEntry.TxnBegin(7), upsert("a", 1f),
                    upsert("b", 2f), new WalEntry.TxnCommit(7));
            assertThat(entries(log.recover())).containsExactly(upsert("a", 1f), upsert("b", 2f));
        }
    }

    @Test
    void transactionWithoutCommitIsNotReplayed() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("plain", 1f));
            log.append(new WalEntry.TxnBegin(1));
            log.append(upsert("inside", 1f));
            assertThat(entries(log.recover())).containsExactly(upsert("plain", 1f));
        }
    }

    @Test
    void rolledBackTransactionIsNotReplayed() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(new WalEntry.TxnBegin(1));
            log.append(upsert("inside", 1f));
            log.append(new WalEntry.TxnRollback(1));
            log.append(upsert("after", 1f));
            assertThat(entries(log.recover())).containsExactly(upsert("after", 1f));
        }
    }

    @Test
    void committedInnerTransactionInsideAnUnfinishedOneIsNotReplayed() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(new WalEntry.TxnBegin(1));
            log.appendTransaction(2, List.of(upsert("inner", 1f)));
            assertThat(entries(log.recover())).isEmpty();
        }
    }

    @Test
    void commitClosingAnOuterTransactionDropsTheInnerOpenOne() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(new WalEntry.TxnBegin(1));
            log.append(upsert("outer", 1f));
            log.append(new WalEntry.TxnBegin(2));
            log.append(upsert("inner", 1f));
            log.append(new WalEntry.TxnCommit(1));
            assertThat(entries(log.recover())).containsExactly(upsert("outer", 1f));
        }
    }

    @Test
    void unmatchedCommitIsReportedAndIgnored() {
        List<dev.jwal.api.LogProblem> problems = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config(dir).problemListener(problems::add).build())) {
            log.append(upsert("a", 1f));
            log.append(new WalEntry.TxnCommit(-1));
            assertThat(entries(log.recover())).containsExactly(upsert("a", 1f));
        }
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(dev.jwal.api.LogProblem.Kind.UNMATCHED_TXN_MARKER);
            assertThat(problem.lsn()).isEqualTo(1);
            assertThat(problem.detail()).contains("18446744073709551615");
        });
    }

    @Test
    void transactionLeftOpenByADeadWriterIsRolledBackOnReopenSoLaterEntriesAreReplayed() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(new WalEntry.TxnBegin(1));
            log.append(new WalEntry.TxnBegin(2));
            log.append(upsert("inside", 1f));
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(entries(log.read(3))).containsExactly(new WalEntry.TxnRollback(2), new WalEntry.TxnRollback(1));
            log.append(upsert("after-restart", 1f));
            assertThat(entries(log.recover())).containsExactly(upsert("after-restart", 1f));
        }
    }

    @Test
    void segmentsRotateAtTheSizeLimitAndAreNamedByTheirFirstLsn() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(100).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
        }
        List<Path> segments = TestLogs.segments(dir);
        assertThat(segments).hasSizeGreaterThan(2);
        for (Path segment : segments) {
            long firstLsn = Long.parseLong(TestLogs.lines(segment).get(0).split("\\|", 2)[0]);
            assertThat(segment.getFileName().toString()).isEqualTo(String.format("%020d.wal", firstLsn));
            assertThat(Files.size(segment)).isLessThan(100 + 80);
        }
    }

    @Test
    void zeroSegmentSizePutsEveryRecordInItsOwnSegment() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            for (int i = 0; i < 4; i++) {
                log.append(upsert("id-" + i, i));
            }
            assertThat(lsns(log.read(0))).containsExactly(0L, 1L, 2L, 3L);
        }
        assertThat(TestLogs.segments(dir)).hasSize(4);
    }

    @Test
    void readFromAnLsnSkipsEarlierRecordsAcrossSegments() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(60).build())) {
            for (int i = 0; i < 20; i++) {
                log.append(upsert("id-" + i, i));
            }
            assertThat(lsns(log.read(13))).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L);
        }
    }

    @Test
    void truncateDeletesOnlyWholeSegmentsBeforeTheCheckpointAndNeverTheActiveOne() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(60).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
            long checkpoint = log.checkpoint();
            log.append(upsert("after", 1f));
            int before = TestLogs.segments(dir).size();
            int deleted = log.truncate(checkpoint + 1);
            assertThat(deleted).isPositive();
            assertThat(TestLogs.segments(dir)).hasSize(before - deleted);
            List<LogRecord> remaining = TestLogs.drain(log.read(log.stats().firstLsn()));
            assertThat(remaining.get(0).lsn()).isLessThanOrEqualTo(checkpoint);
            assertThat(entries(log.recover())).containsExactly(upsert("after", 1f));
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(12);
            assertThat(entries(log.recover())).containsExactly(upsert("after", 1f));
        }
    }

    @Test
    void truncatePastTheCheckpointIsRefused() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(60).build())) {
            for (int i = 0; i < 5; i++) {
                log.append(upsert("id-" + i, i));
            }
            assertThatThrownBy(() -> log.truncate(3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checkpoint");
        }
    }

    @Test
    void checkpointListenerIsToldWhenTheThresholdIsReached() {
        List<Long> calls = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config(dir).checkpointThreshold(3)
                .checkpointListener((wal, since) -> calls.add(since)).build())) {
            for (int i = 0; i < 7; i++) {
                log.append(upsert("id-" + i, i));
            }
            assertThat(calls).containsExactly(3L, 6L);
            log.checkpoint();
            for (int i = 0; i < 3; i++) {
                log.append(upsert("again-" + i, i));
            }
            assertThat(calls).containsExactly(3L, 6L, 3L);
        }
    }

    @Test
    void checkpointListenerMayTakeTheCheckpointItself() {
        AtomicLong checkpoints = new AtomicLong();
        try (WriteAheadLog log = Wal.open(config(dir).checkpointThreshold(2)
                .checkpointListener((wal, since) -> {
                    wal.checkpoint();
                    checkpoints.incrementAndGet();
                }).build())) {
            for (int i = 0; i < 4; i++) {
                log.append(upsert("id-" + i, i));
            }
            assertThat(checkpoints).hasValue(2);
            assertThat(entries(log.recover())).isEmpty();
        }
    }

    @Test
    void closeIsIdempotentAndAppendAfterCloseThrows() {
        WriteAheadLog log = Wal.open(config(dir).build());
        log.append(upsert("a", 1f));
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(upsert("b", 1f))).isInstanceOf(WalClosedException.class);
    }

    @Test
    void appendingACheckpointRecordDirectlyIsRefused() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThatThrownBy(() -> log.append(new WalEntry.Checkpoint(0)))
                    .isInstanceOf(EntryRejectedException.class).hasMessageContaining("checkpoint()");
            assertThat(log.nextLsn()).isZero();
        }
    }

    @Test
    void nonFiniteFloatIsRefusedAndNothingIsWritten() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("ok", 1f));
            assertThatThrownBy(() -> log.append(upsert("bad", 1f, Float.NaN)))
                    .isInstanceOf(EntryRejectedException.class);
            assertThatThrownBy(() -> log.appendTransaction(1, List.of(upsert("ok2", 1f),
                    upsert("bad", Float.POSITIVE_INFINITY)))).isInstanceOf(EntryRejectedException.class);
            assertThat(log.nextLsn()).isEqualTo(1);
        }
        assertThat(TestLogs.lines(TestLogs.lastSegment(dir))).hasSize(1);
    }

    @Test
    void entryOverTheRecordSizeLimitIsRefused() {
        try (WriteAheadLog log = Wal.open(config(dir).maxRecordSize(200).build())) {
            float[] values = new float[100];
            assertThatThrownBy(() -> log.append(new WalEntry.Upsert("ns",
                    List.of(new SerializedVector("big", values, null)))))
                    .isInstanceOf(EntryRejectedException.class).hasMessageContaining("maxRecordSize");
            assertThat(log.nextLsn()).isZero();
        }
    }

    @Test
    void everySyncPolicyKeepsWhatWasAppendedAcrossACleanClose() {
        for (SyncPolicy policy : List.of(SyncPolicy.everyWrite(), SyncPolicy.periodic(3),
                SyncPolicy.interval(java.time.Duration.ofMillis(5)), SyncPolicy.manual())) {
            Path sub = dir.resolve(policy.toString().replace(':', '_'));
            try (WriteAheadLog log = Wal.open(config(sub).syncPolicy(policy).build())) {
                for (int i = 0; i < 10; i++) {
                    log.append(upsert("id-" + i, i));
                }
            }
            try (WriteAheadLog log = Wal.open(config(sub).build())) {
                assertThat(lsns(log.recover())).as(policy.toString()).hasSize(10);
            }
        }
    }

    @Test
    void statsCountAppendsSegmentsAndTheCheckpoint() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(60).build())) {
            for (int i = 0; i < 5; i++) {
                log.append(upsert("id-" + i, i));
            }
            log.checkpoint();
            var stats = log.stats();
            assertThat(stats.nextLsn()).isEqualTo(6);
            assertThat(stats.firstLsn()).isZero();
            assertThat(stats.lastCheckpointLsn()).isEqualTo(5);
            assertThat(stats.appendedSinceOpen()).isEqualTo(6);
            assertThat(stats.segmentCount()).isGreaterThan(1);
            assertThat(stats.totalBytes()).isPositive();
            assertThat(stats.syncsSinceOpen()).isPositive();
            assertThat(stats.entriesSinceCheckpoint()).isZero();
        }
    }

    @Test
    void readOnlyInspectionSeesWhatTheWriterAppended() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 1f));
            LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, problem -> { });
            assertThat(lsns(inspector.read(0))).containsExactly(0L, 1L);
            assertThat(inspector.nextLsn()).isEqualTo(2);
        }
    }
}
