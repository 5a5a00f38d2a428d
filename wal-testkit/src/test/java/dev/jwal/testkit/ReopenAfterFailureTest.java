package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static dev.jwal.testkit.Fixtures.entry;
import static dev.jwal.testkit.Fixtures.everyWrite;
import static dev.jwal.testkit.Fixtures.reopenAndCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * README's answer to a failed write or force is "close and reopen". These tests reopen in the same boot (the
 * same simulated disk, no power loss in between: what an application that catches the failure and reopens
 * does), append and acknowledge more, and only then lose the power: everything acknowledged after the reopen
 * must survive too.
 *
 * <p>The failed force and the failed directory force are the hard cases: the first leaves bytes that reads
 * see but that may never reach the disk (Linux marks the pages clean after an fsync error), the second a
 * segment whose name may vanish. wal-core before these tests cut the first's bytes after the failure and
 * forced the reopened segment and its directory lost acknowledged records in both.
 */
class ReopenAfterFailureTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();
    final AcknowledgedHistory history = new AcknowledgedHistory();

    /** Appends two entries, fails the next append with {@code plan}, reopens, appends two more, loses the power. */
    private void failReopenAppendAndLosePower(WalConfig config, FaultPlan plan) {
        try (WriteAheadLog log = Wal.open(config, fs)) {
            history.append(log, entry(0));
            history.append(log, entry(1));
            fs.inject(plan);
            assertThatThrownBy(() -> history.append(log, entry(2))).isInstanceOf(WalIOException.class);
        }
        fs.inject(FaultPlan.none());
        WriteAheadLog reopened = Wal.open(config, fs);
        history.append(reopened, entry(3));
        history.append(reopened, entry(4));
        fs.powerLoss();
        SimulatedFileSystem.closeAbandoned(reopened);
        reopenAndCheck(config, history, everyWrite());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedWrite(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).build(),
                FaultPlan.builder().failNth(FileOperation.WRITE, 1).build());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAShortWrite(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).build(), FaultPlan.builder().shortWriteNth(1).build());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedSegmentCreation(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).segmentSize(0).build(),
                FaultPlan.builder().failNth(FileOperation.CREATE, 1).build());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedRenameOfANewSegment(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).segmentSize(0).build(),
                FaultPlan.builder().failNth(FileOperation.RENAME, 1).build());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedOpenOfANewSegment(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).segmentSize(0).build(),
                FaultPlan.builder().failNth(FileOperation.OPEN, 1).build());
    }

    /** Every append starts a segment here, so the next rotation's directory force covers the failed one's. */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedDirectoryForceOfANewSegmentFollowedByAnotherRotation(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).segmentSize(0).build(),
                FaultPlan.builder().failNth(FileOperation.FORCE_DIRECTORY, 1).build());
    }

    /**
     * The reopened log must not build on the failed force's bytes: reads still see them, but they never reach
     * the disk, so after the power loss they would be zeros before durable acknowledged records, and the log
     * would not open.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedForce(Layout layout) {
        failReopenAppendAndLosePower(layout.config(dir).build(),
                FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
    }

    /**
     * Under manual sync the force of {@code close()} fails, and the log closes without cutting what it could
     * not force: the reopened log reads those bytes, though they may never reach the disk. It must write them
     * again before it appends after them, or the power loss leaves zeros before the records synced after the
     * reopen, and the log does not open.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedForceOfTheClose(Layout layout) {
        WalConfig config = layout.config(dir).segmentSize(400).syncPolicy(SyncPolicy.manual()).build();
        WriteAheadLog log = Wal.open(config, fs);
        history.append(log, entry(0));
        history.append(log, entry(1));
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
        assertThatThrownBy(log::close).isInstanceOf(WalIOException.class);
        fs.inject(FaultPlan.none());
        WriteAheadLog reopened = Wal.open(config, fs);
        for (int i = 2; i < 12; i++) {
            history.append(reopened, entry(i));
        }
        history.sync(reopened);
        fs.powerLoss();
        SimulatedFileSystem.closeAbandoned(reopened);
        reopenAndCheck(config, history, DurabilityPromise.of(SyncPolicy.manual(), fs, dir));
    }

    /**
     * The directory force that ends a new segment's creation fails; the reopened log finds the segment last
     * and appends to it: it must make the segment's name durable first, or the power loss takes the segment
     * with every acknowledged record in it.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void afterAFailedDirectoryForceOfTheSegmentTheReopenedLogAppendsTo(Layout layout) {
        WalConfig config = layout.config(dir).segmentSize(200).build();
        try (WriteAheadLog log = Wal.open(config, fs)) {
            history.append(log, entry(0));
            fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE_DIRECTORY, 1).build());
            int i = 1;
            try {
                while (i < 100) {
                    history.append(log, entry(i++));
                }
            } catch (WalIOException expected) {
                assertThat(expected).hasMessageContaining("new segment");
            }
            assertThat(i).as("a rotation happened").isLessThan(100);
        }
        fs.inject(FaultPlan.none());
        WriteAheadLog reopened = Wal.open(config, fs);
        history.append(reopened, entry(200));
        fs.powerLoss();
        SimulatedFileSystem.closeAbandoned(reopened);
        reopenAndCheck(config, history, everyWrite());
    }
}
