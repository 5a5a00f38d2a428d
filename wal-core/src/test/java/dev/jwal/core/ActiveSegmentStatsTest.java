package dev.jwal.core;

import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lastSegment;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link WriteAheadLog#stats()} tells beyond the log's totals: the active segment's size (written bytes,
 * not preallocated room) and record count, bytes appended, the durable LSN and failures.
 */
class ActiveSegmentStatsTest {
    @TempDir
    Path dir;

    @Test
    void aNewLogHasNoActiveSegmentUntilItsFirstAppend() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            WalStats stats = log.stats();
            assertThat(stats.activeSegment()).isEqualTo(WalStats.ActiveSegment.NONE);
            assertThat(stats.bytesAppendedSinceOpen()).isZero();
            assertThat(stats.durableLsn()).isEqualTo(-1);
            assertThat(stats.failed()).isFalse();
            assertThat(stats.failuresSinceOpen()).isZero();
        }
    }

    @Test
    void theActiveSegmentCountsItsWrittenBytesAndRecordsNotItsPreallocatedRoom() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).codec("json")
                .segmentSize(1 << 20).preallocate(true).build())) {
            for (int i = 0; i < 3; i++) {
                log.append(upsert("v" + i, i));
            }
            WalStats stats = log.stats();
            Path file = lastSegment(dir);
            assertThat(Files.size(file)).isEqualTo(1 << 20);
            assertThat(stats.activeSegment().firstLsn()).isZero();
            assertThat(stats.activeSegment().entries()).isEqualTo(3);
            assertThat(stats.activeSegment().bytes()).isLessThan(1 << 20).isEqualTo(stats.totalBytes());
            // The framed header is the segment's, not an appended record's.
            assertThat(stats.bytesAppendedSinceOpen()).isPositive().isLessThan(stats.activeSegment().bytes());
            assertThat(stats.durableLsn()).isEqualTo(2);
        }
    }

    @Test
    void rotationStartsTheCountAgainAndBytesAppendedKeepGrowing() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(200).build())) {
            long bytes = 0;
            for (int i = 0; i < 20; i++) {
                log.append(upsert("v" + i, i));
                WalStats stats = log.stats();
                assertThat(stats.bytesAppendedSinceOpen()).isGreaterThan(bytes);
                bytes = stats.bytesAppendedSinceOpen();
                assertThat(stats.activeSegment().firstLsn() + stats.activeSegment().entries())
                        .isEqualTo(stats.nextLsn());
            }
            WalStats stats = log.stats();
            assertThat(stats.segmentCount()).isGreaterThan(1);
            assertThat(stats.activeSegment().entries()).isLessThan(20).isPositive();
            // Lines segments have no header: every byte of every segment was appended since open.
            assertThat(stats.bytesAppendedSinceOpen()).isEqualTo(stats.totalBytes());
        }
    }

    @Test
    void aReopenedSegmentCountsTheRecordsItAlreadyHeld() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.appendBatch(List.of(upsert("a", 1f), upsert("b", 2f)));
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("c", 3f));
            WalStats stats = log.stats();
            assertThat(stats.activeSegment().firstLsn()).isZero();
            assertThat(stats.activeSegment().entries()).isEqualTo(3);
            assertThat(stats.activeSegment().bytes()).isEqualTo(stats.totalBytes());
            assertThat(stats.bytesAppendedSinceOpen()).isLessThan(stats.totalBytes());
            assertThat(stats.appendedSinceOpen()).isEqualTo(1);
        }
    }

    @Test
    void theDurableLsnTrailsUnderManualSyncUntilSync() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            assertThat(log.stats().durableLsn()).isEqualTo(-1);
            log.sync();
            assertThat(log.stats().durableLsn()).isEqualTo(1);
        }
    }
}
