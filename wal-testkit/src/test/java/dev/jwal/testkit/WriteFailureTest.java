package dev.jwal.testkit;

import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.jwal.testkit.Fixtures.entries;
import static dev.jwal.testkit.Fixtures.entry;
import static dev.jwal.testkit.Fixtures.everyWrite;
import static dev.jwal.testkit.Fixtures.reopenAndCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failed write or force reaches the caller, the entries it covered are not acknowledged, the log refuses
 * everything until reopened (never forcing again: the kernel may have dropped the pages), and reopening, with
 * or without a power loss first, gives back every acknowledged entry and nothing that was not appended.
 *
 * <p>What is asserted about the entry whose write or force failed: after a power loss it is gone (its bytes
 * were never durably forced; the simulation drops the pages of a failed force for good); without a power
 * loss a reopened log may give it back (the page cache still holds it), and then only right after the
 * acknowledged ones, as an unacknowledged record.
 */
class WriteFailureTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();
    final AcknowledgedHistory history = new AcknowledgedHistory();

    private WriteAheadLog openAndAppendThree(WalConfig config) {
        WriteAheadLog log = Wal.open(config, fs);
        for (int i = 0; i < 3; i++) {
            history.append(log, entry(i));
        }
        return log;
    }

    private static void assertFailedUntilReopened(WriteAheadLog log) {
        assertThatThrownBy(() -> log.append(entry(100))).isInstanceOf(WalFailedException.class)
                .hasMessageContaining("reopen");
        assertThatThrownBy(() -> log.appendTransaction(1, List.of(entry(101))))
                .isInstanceOf(WalFailedException.class);
        assertThatThrownBy(log::sync).isInstanceOf(WalFailedException.class);
        assertThatThrownBy(log::checkpoint).isInstanceOf(WalFailedException.class);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aFailedWriteReachesTheCallerAndNothingOfItComesBack(Layout layout) {
        WalConfig config = layout.config(dir).build();
        try (WriteAheadLog log = openAndAppendThree(config)) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.WRITE, 1).build());
            assertThatThrownBy(() -> history.append(log, entry(3))).isInstanceOf(WalIOException.class)
                    .hasMessageContaining("injected WRITE failure");
            assertFailedUntilReopened(log);
        }
        HistoryReport report = reopenAndCheck(config, history, everyWrite());
        assertThat(report.recoveredRecords()).isEqualTo(3);
        fs.powerLoss();
        assertThat(reopenAndCheck(config, history, everyWrite()).recoveredRecords()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aShortWriteLeavesATornRecordThatReopeningCuts(Layout layout) {
        WalConfig config = layout.config(dir).build();
        try (WriteAheadLog log = openAndAppendThree(config)) {
            fs.inject(FaultPlan.builder().shortWriteNth(1).build());
            assertThatThrownBy(() -> history.append(log, entry(3))).isInstanceOf(WalIOException.class)
                    .hasMessageContaining("short write");
            assertFailedUntilReopened(log);
        }
        HistoryReport report = reopenAndCheck(config, history, everyWrite());
        assertThat(report.recoveredRecords()).as("the half-written record was cut").isEqualTo(3);
        try (WriteAheadLog log = Wal.open(config)) {
            assertThat(history.append(log, entry(4))).isEqualTo(3);
        }
        assertThat(entries(config)).containsExactly(entry(0), entry(1), entry(2), entry(4));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aFailedForceIsReportedNeverRetriedAndItsEntryDoesNotSurviveAPowerLoss(Layout layout) {
        WalConfig config = layout.config(dir).build();
        long forcesAtFailure;
        try (WriteAheadLog log = openAndAppendThree(config)) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
            assertThatThrownBy(() -> history.append(log, entry(3))).isInstanceOf(WalIOException.class)
                    .hasMessageContaining("injected FORCE failure");
            forcesAtFailure = fs.operations(FileOperation.FORCE);
            assertFailedUntilReopened(log);
        }
        assertThat(fs.operations(FileOperation.FORCE)).as("no force after the failed one, not even on close")
                .isEqualTo(forcesAtFailure);
        fs.powerLoss();
        HistoryReport report = reopenAndCheck(config, history, everyWrite());
        assertThat(report.recoveredRecords()).isEqualTo(3);
        assertThat(report.recoveredUnacknowledged()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void withoutAPowerLossTheEntryOfAFailedForceMayComeBackButOnlyAsUnacknowledged(Layout layout) {
        WalConfig config = layout.config(dir).build();
        try (WriteAheadLog log = openAndAppendThree(config)) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
            assertThatThrownBy(() -> history.append(log, entry(3))).isInstanceOf(WalIOException.class);
        }
        HistoryReport report = reopenAndCheck(config, history, everyWrite());
        assertThat(report.recoveredRecords()).isBetween(3, 4);
        assertThat(report.recoveredRecords() - report.recoveredUnacknowledged()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = FileOperation.class, names = {"CREATE", "RENAME", "FORCE_DIRECTORY", "OPEN"})
    void aFailedSegmentCreationFailsTheAppendAndTheLogReopensConsistent(FileOperation step) {
        for (Layout layout : Layout.values()) {
            Path logDir = dir.resolve(layout.name() + "-" + step);
            // Segment size 0: every record starts a new segment.
            WalConfig config = layout.config(logDir).segmentSize(0).build();
            AcknowledgedHistory own = new AcknowledgedHistory();
            SimulatedFileSystem disk = new SimulatedFileSystem();
            try (WriteAheadLog log = Wal.open(config, disk)) {
                own.append(log, entry(0));
                own.append(log, entry(1));
                disk.inject(FaultPlan.builder().failNth(step, 1).build());
                assertThatThrownBy(() -> own.append(log, entry(2))).as("%s, %s", layout, step)
                        .isInstanceOf(WalIOException.class).hasMessageContaining("new segment");
                assertFailedUntilReopened(log);
            }
            assertThat(reopenAndCheck(config, own, everyWrite()).recoveredRecords()).isEqualTo(2);
            disk.powerLoss();
            assertThat(reopenAndCheck(config, own, everyWrite()).recoveredRecords()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FileOperation.class, names = {"REPLACE", "RENAME", "FORCE_DIRECTORY"})
    void aFailedCheckpointKeepsThePreviousOneAfterAPowerLossAndLosesNothing(FileOperation step) {
        for (Layout layout : Layout.values()) {
            Path logDir = dir.resolve(layout.name() + "-" + step);
            WalConfig config = layout.config(logDir).build();
            AcknowledgedHistory own = new AcknowledgedHistory();
            SimulatedFileSystem disk = new SimulatedFileSystem();
            WriteAheadLog log = Wal.open(config, disk);
            own.append(log, entry(0));
            long first = own.checkpoint(log);
            own.append(log, entry(1));
            disk.inject(FaultPlan.builder().failNth(step, 1).build());
            assertThatThrownBy(() -> own.checkpoint(log)).as("%s, %s", layout, step)
                    .isInstanceOf(WalIOException.class).hasMessageContaining("checkpoint");
            assertThat(log.lastCheckpointLsn()).hasValue(first);
            own.append(log, entry(2));
            disk.powerLoss();
            SimulatedFileSystem.closeAbandoned(log);
            HistoryReport report = reopenAndCheck(config, own, everyWrite());
            assertThat(report.checkpointLsn()).hasValue(first);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FileOperation.class, names = {"DELETE", "FORCE_DIRECTORY"})
    void aFailedTruncationLosesNothingAndAPowerLossMayBringTheSegmentsBack(FileOperation step) {
        for (Layout layout : Layout.values()) {
            Path logDir = dir.resolve(layout.name() + "-" + step);
            WalConfig config = layout.config(logDir).segmentSize(0).build();
            AcknowledgedHistory own = new AcknowledgedHistory();
            SimulatedFileSystem disk = new SimulatedFileSystem();
            WriteAheadLog log = Wal.open(config, disk);
            for (int i = 0; i < 4; i++) {
                own.append(log, entry(i));
            }
            long checkpoint = own.checkpoint(log);
            disk.inject(FaultPlan.builder().failNth(step, 1).build());
            assertThatThrownBy(() -> own.truncate(log, checkpoint + 1)).as("%s, %s", layout, step)
                    .isInstanceOf(WalIOException.class);
            own.append(log, entry(4));
            disk.powerLoss();
            SimulatedFileSystem.closeAbandoned(log);
            reopenAndCheck(config, own, everyWrite());
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aFailedBackgroundForceFailsTheNextAppend(Layout layout) {
        WalConfig config = layout.config(dir).syncPolicy(dev.jwal.api.config.SyncPolicy.interval(
                java.time.Duration.ofMillis(2))).build();
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
        WriteAheadLog log = Wal.open(config, fs);
        history.append(log, entry(0));
        await("the interval syncer forced").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> fs.operations(FileOperation.FORCE) > 0);
        // The failure reaches the writer just after the force returns: the next appends see it.
        AtomicReference<WalException> refused = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger(1);
        await("an append refused after the failed force").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    try {
                        history.append(log, entry(next.getAndIncrement()));
                        return false;
                    } catch (WalException e) {
                        refused.set(e);
                        return true;
                    }
                });
        assertThat(refused.get()).isInstanceOf(WalFailedException.class).hasMessageContaining("injected FORCE failure");
        fs.powerLoss();
        DurabilityPromise promise = DurabilityPromise.of(config.syncPolicy(), fs, dir);
        SimulatedFileSystem.closeAbandoned(log);
        HistoryReport report = reopenAndCheck(config, history, promise);
        assertThat(report.recoveredRecords()).as("the only force failed: nothing was durable").isZero();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void concurrentAppendersSharingAFailedForceAreAllToldAndNoneAcknowledgedAfter(Layout layout)
            throws Exception {
        WalConfig config = layout.config(dir).build();
        WriteAheadLog log = Wal.open(config, fs);
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 20).build());
        RandomWorkload.builder(7).threads(4).operations(40).transactions(0.2).build().run(log, history);
        assertThat(history.failedCalls()).isGreaterThanOrEqualTo(4);
        fs.powerLoss();
        SimulatedFileSystem.closeAbandoned(log);
        HistoryReport report = reopenAndCheck(config, history, everyWrite());
        assertThat(report.recoveredUnacknowledged()).as("the failed force's pages are gone").isZero();
        assertThat(report.recoveredRecords()).isEqualTo(report.acknowledgedRecords());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aTransactionWhoseWriteFailedIsNeverReplayed(Layout layout) {
        WalConfig config = layout.config(dir).build();
        try (WriteAheadLog log = openAndAppendThree(config)) {
            fs.inject(FaultPlan.builder().shortWriteNth(1).build());
            List<WalEntry> entries = List.of(entry(10), entry(11), entry(12));
            assertThatThrownBy(() -> history.appendTransaction(log, 9, entries)).isInstanceOf(WalIOException.class);
        }
        reopenAndCheck(config, history, everyWrite());
        try (WriteAheadLog log = Wal.open(config); RecordCursor replay = log.recover()) {
            List<WalEntry> replayed = new ArrayList<>();
            replay.forEachRemaining(record -> replayed.add(record.entry()));
            assertThat(replayed).containsExactly(entry(0), entry(1), entry(2));
        }
    }
}
