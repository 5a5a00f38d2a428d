package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalFailedException;
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
 * A full disk: appends fail clearly, nothing acknowledged is harmed (not even by a power loss), reopening
 * while still full works, and once space is freed and the log reopened, appends succeed again.
 */
class DiskFullTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void appendsFailClearlyAndWorkAgainAfterSpaceIsFreedAndTheLogReopened(Layout layout) {
        // Budgets from 0 to ~2 KB: the disk fills in a record, in a segment header, between the two.
        for (int free = 0; free < 2200; free += 173) {
            Path dir = root.resolve(layout.name() + "-" + free);
            WalConfig config = layout.config(dir).build();
            SimulatedFileSystem fs = new SimulatedFileSystem(FaultPlan.builder().freeSpace(free).build());
            AcknowledgedHistory history = new AcknowledgedHistory();
            WriteAheadLog log = Wal.open(config, fs);
            int next = fillUntilFull(log, history, 0);
            assertThatThrownBy(() -> log.append(entry(999))).isInstanceOf(WalFailedException.class);
            log.close();

            try (WriteAheadLog stillFull = Wal.open(config, fs)) {
                history.check(stillFull, everyWrite()).assertOk("reopened on a full disk, " + free + " bytes");
                assertThatThrownBy(() -> history.append(stillFull, entry(1000))).as("still full")
                        .isInstanceOf(WalIOException.class).hasMessageContaining("No space left on device");
            }

            fs.freeSpace();
            try (WriteAheadLog freed = Wal.open(config, fs)) {
                for (int i = 0; i < 5; i++) {
                    history.append(freed, entry(next + i));
                }
            }
            fs.powerLoss();
            HistoryReport report = reopenAndCheck(config, history, everyWrite());
            assertThat(report.acknowledgedRecords()).isEqualTo(history.acknowledgedRecords());
            assertThat(report.recoveredRecords()).isGreaterThanOrEqualTo(5);
        }
    }

    private static int fillUntilFull(WriteAheadLog log, AcknowledgedHistory history, int from) {
        for (int i = from; i < from + 1000; i++) {
            try {
                history.append(log, entry(i));
            } catch (WalIOException full) {
                assertThat(full).hasStackTraceContaining("No space left on device");
                return i + 1;
            }
        }
        throw new AssertionError("the disk never filled");
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aCheckpointThatFindsTheDiskFullFailsAloneAndHarmsNothing(Layout layout) {
        Path dir = root.resolve(layout.name());
        WalConfig config = layout.config(dir).build();
        SimulatedFileSystem fs = new SimulatedFileSystem();
        AcknowledgedHistory history = new AcknowledgedHistory();
        WriteAheadLog log = Wal.open(config, fs);
        history.append(log, entry(0));
        long first = history.checkpoint(log);
        history.append(log, entry(1));
        // The disk fills after the Checkpoint record, just before the checkpoint file's temporary copy.
        fs.inject(FaultPlan.builder()
                .onNth(FileOperation.REPLACE, 1, () -> fs.inject(FaultPlan.builder().freeSpace(10).build()))
                .build());
        assertThatThrownBy(() -> history.checkpoint(log)).isInstanceOf(WalIOException.class)
                .hasStackTraceContaining("No space left on device");
        assertThat(log.lastCheckpointLsn()).hasValue(first);
        fs.freeSpace();
        history.append(log, entry(2));
        fs.powerLoss();
        SimulatedFileSystem.closeAbandoned(log);
        assertThat(reopenAndCheck(config, history, everyWrite()).checkpointLsn()).hasValue(first);
    }
}
