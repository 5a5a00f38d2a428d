package dev.jwal.core;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failed write or force reaches the caller, fails the log until it is reopened, and loses nothing acknowledged. */
class FaultInjectionTest {
    @TempDir
    Path dir;
    final FaultyFileSystem fs = new FaultyFileSystem();

    private WriteAheadLog openFaulty() {
        return Wal.open(config(dir).build(), fs);
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
            fs.writesBeforeFailure.set(0);
            assertThatThrownBy(() -> log.append(upsert("c", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("injected write failure");
            assertThat(log.nextLsn()).isEqualTo(2);
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f), upsert("b", 1f));
    }

    @Test
    void afterAFailedWriteEveryAppendIsRefusedUntilReopened() {
        try (WriteAheadLog log = openFaulty()) {
            log.append(upsert("a", 1f));
            fs.writesBeforeFailure.set(0);
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
            fs.forcesBeforeFailure.set(0);
            assertThatThrownBy(() -> log.append(upsert("b", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("injected force failure");
            // The kernel may have dropped the dirty pages: a second force proves nothing, so none is tried.
            assertThatThrownBy(() -> log.append(upsert("c", 1f))).isInstanceOf(WalFailedException.class);
        }
        List<WalEntry> recovered = reopenAndRecover();
        assertThat(recovered).startsWith(upsert("a", 1f)).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void failedSegmentCreationFailsTheAppendAndKeepsTheLogConsistent() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(50).build(), fs)) {
            log.append(upsert("a", 1f));
            fs.createsBeforeFailure.set(0);
            assertThatThrownBy(() -> log.append(upsert("b", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("new segment");
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f));
    }

    @Test
    void failedPreallocationOnlyCostsSpeed() {
        fs.reservesBeforeFailure.set(0);
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build(), fs)) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 1f));
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("a", 1f), upsert("b", 1f));
    }

    @Test
    void failedReleaseOfReservedRoomFailsTheRotationAndKeepsEveryAcknowledgedRecord() {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).segmentSize(50).build(), fs)) {
            log.append(upsert("a", 1f));
            fs.releasesBeforeFailure.set(0);
            assertThatThrownBy(() -> log.append(upsert("b", 1f)))
                    .isInstanceOf(WalIOException.class).hasMessageContaining("release of reserved room");
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
            fs.replacesBeforeFailure.set(0);
            assertThatThrownBy(log::checkpoint).isInstanceOf(WalIOException.class);
            assertThat(log.lastCheckpointLsn()).hasValue(1);
        }
        assertThat(reopenAndRecover()).containsExactly(upsert("b", 1f));
    }
}
