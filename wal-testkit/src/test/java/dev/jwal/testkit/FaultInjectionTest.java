package dev.jwal.testkit;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static dev.jwal.testkit.Fixtures.config;
import static dev.jwal.testkit.Fixtures.entries;
import static dev.jwal.testkit.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failed write or force reaches the caller, fails the log until it is reopened, and loses nothing acknowledged.
 * Each fault is the next operation of its kind after the plan is injected.
 */
class FaultInjectionTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    private WriteAheadLog openFaulty() {
        return Wal.open(config(dir).build(), fs);
    }

    private void failNext(FileOperation operation) {
        fs.inject(FaultPlan.builder().failNth(operation, 1).build());
    }

    private List<WalEntry> reopenAndRecover() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            return entries(log.recover());
        }
    }

    @Test
    void failedWriteIsReportedAndTheHalfWrittenRecordIsCutOnReopen() {
        try (WriteAheadLog log = openFaulty()) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 1f));
            fs.inject(FaultPlan.builder().shortWriteNth(1).build());
            assertThatThrownBy(() -> log.append(upsert("c", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("injected short write");
            assertThat(log.nextLsn()).isEqualTo(2);
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f), upsert("b", 1f));
    }

    @Test
    void afterAFailedWriteEveryAppendIsRefusedUntilReopened() {
        try (WriteAheadLog log = openFaulty()) {
            log.append(upsert("a", 1f));
            fs.inject(FaultPlan.builder().shortWriteNth(1).build());
            assertThatThrownBy(() -> log.append(upsert("b", 1f))).isInstanceOf(WalIOException.class);
            assertThatThrownBy(() -> log.append(upsert("c", 1f)))
                    .isInstanceOf(WalFailedException.class).hasMessageContaining("reopen");
            assertThatThrownBy(log::sync).isInstanceOf(WalFailedException.class);
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.append(upsert("d", 1f))).isEqualTo(1);
        }
    }

    @Test
    void failedForceIsReportedAndNeverRetriedBlindly() {
        try (WriteAheadLog log = openFaulty()) {
            log.append(upsert("a", 1f));
            OptionalLong lastForce = fs.lastForceNanos(dir);
            failNext(FileOperation.FORCE);
            assertThatThrownBy(() -> log.append(upsert("b", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("injected FORCE failure");
            // The kernel may have dropped the dirty pages: a second force proves nothing, so none is tried.
            assertThatThrownBy(() -> log.append(upsert("c", 1f))).isInstanceOf(WalFailedException.class);
            assertThat(fs.lastForceNanos(dir)).as("no segment force completed after the failed one")
                    .isEqualTo(lastForce);
        }
        List<WalEntry> recovered = reopenAndRecover();
        assertThat(recovered).startsWith(upsert("a", 1f)).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void failedSegmentCreationFailsTheAppendAndKeepsTheLogConsistent() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(50).build(), fs)) {
            log.append(upsert("a", 1f));
            failNext(FileOperation.CREATE);
            assertThatThrownBy(() -> log.append(upsert("b", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("new segment");
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f));
    }

    @Test
    void failedPreallocationOnlyCostsSpeed() {
        failNext(FileOperation.RESERVE);
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build(), fs)) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 1f));
        }
        assertThat(fs.operations(FileOperation.RESERVE)).as("a reservation was tried and failed").isPositive();
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f), upsert("b", 1f));
    }

    @Test
    void failedReleaseOfReservedRoomFailsTheRotationAndKeepsEveryAcknowledgedRecord() {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).segmentSize(50).build(), fs)) {
            log.append(upsert("a", 1f));
            failNext(FileOperation.RELEASE_RESERVED);
            assertThatThrownBy(() -> log.append(upsert("b", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("injected RELEASE_RESERVED failure");
            assertThatThrownBy(() -> log.append(upsert("c", 1f))).isInstanceOf(WalFailedException.class);
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f));
    }

    @Test
    void failedCheckpointFileWriteKeepsThePreviousCheckpoint() {
        try (WriteAheadLog log = openFaulty()) {
            log.append(upsert("a", 1f));
            log.checkpoint();
            log.append(upsert("b", 1f));
            failNext(FileOperation.REPLACE);
            assertThatThrownBy(log::checkpoint).isInstanceOf(WalIOException.class);
            assertThat(log.lastCheckpointLsn()).hasValue(1);
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("b", 1f));
    }
}
