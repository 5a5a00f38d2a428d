package dev.jwal.testkit;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.jwal.testkit.Fixtures.awaitRelease;
import static dev.jwal.testkit.Fixtures.entry;
import static dev.jwal.testkit.Fixtures.everyWrite;
import static dev.jwal.testkit.Fixtures.reopenAndCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unforced pages reach the disk in any order before a power loss ({@link PowerLossOptions#keepRandomPages}):
 * zeros, then valid records, at the end of the last segment. Nothing there was covered by a completed force,
 * so any policy may lose it, but the log must reopen.
 */
class OutOfOrderWritebackTest {
    @TempDir
    Path dir;

    /**
     * The kernel writes dirty pages back in no particular order, so when the power goes, a page of unforced
     * records may have reached the disk while an earlier one did not: the last segment then holds zeros
     * followed by valid records. Those records were never covered by a completed force, so every policy
     * allows losing them, and the log must open (wal-core used to call a valid record after a damaged one
     * corruption here, and refused to open). Here: the manual policy, 5 synced entries, then 250 unforced
     * ones (several pages), and each page of those survives or not.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void aLogWhoseUnforcedPagesReachedTheDiskOutOfOrderReopens(Layout layout) {
        for (long seed = 0; seed < 8; seed++) {
            WalConfig config = layout.config(dir.resolve("seed-" + seed)).segmentSize(1 << 20)
                    .syncPolicy(SyncPolicy.manual()).build();
            SimulatedFileSystem disk = new SimulatedFileSystem();
            AcknowledgedHistory own = new AcknowledgedHistory();
            WriteAheadLog log = Wal.open(config, disk);
            for (int i = 0; i < 255; i++) {
                own.append(log, entry(i));
                if (i == 4) {
                    own.sync(log);
                }
            }
            disk.powerLoss(PowerLossOptions.keepRandomPages(seed));
            SimulatedFileSystem.closeAbandoned(log);
            reopenAndCheck(config, own, DurabilityPromise.of(config.syncPolicy()));
        }
    }

    /**
     * The same under the default every-write policy: while one appender's force is in progress, six others
     * queue records of a few kilobytes and wait to share the next force; whoever forces next writes all six
     * in one write, and the power goes during that force. Their records span several unforced pages, which
     * reach the disk in any order.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void aLogWhoseUnforcedPagesReachedTheDiskOutOfOrderReopensUnderEveryWrite(Layout layout) throws Exception {
        for (long seed = 0; seed < 10; seed++) {
            WalConfig config = layout.config(dir.resolve("seed-" + seed)).segmentSize(1 << 20).build();
            SimulatedFileSystem disk = new SimulatedFileSystem();
            AcknowledgedHistory own = new AcknowledgedHistory();
            WriteAheadLog log = Wal.open(config, disk);
            own.append(log, entry(0));
            CountDownLatch inFirstForce = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            CountDownLatch inSecondForce = new CountDownLatch(1);
            CountDownLatch releaseSecond = new CountDownLatch(1);
            disk.inject(FaultPlan.builder()
                    .onNth(FileOperation.FORCE, 1, () -> {
                        inFirstForce.countDown();
                        awaitRelease(releaseFirst);
                    })
                    .onNth(FileOperation.FORCE, 2, () -> {
                        inSecondForce.countDown();
                        awaitRelease(releaseSecond);
                    }).build());
            List<Thread> appenders = new ArrayList<>();
            appenders.add(appender(own, log, entry(1)));
            assertThat(inFirstForce.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> queued = new ArrayList<>();
            for (int i = 2; i < 8; i++) {
                queued.add(appender(own, log, large(i)));
            }
            appenders.addAll(queued);
            // Each waits for the running force, its record queued for the next one.
            await("all six wait for the running force").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> queued.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            releaseFirst.countDown();
            assertThat(inSecondForce.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(log.nextLsn()).as("all six written before the second force").isEqualTo(8);
            disk.powerLoss(PowerLossOptions.keepRandomPages(seed));
            releaseSecond.countDown();
            await("every appender returned").atMost(Duration.ofSeconds(10))
                    .until(() -> appenders.stream().noneMatch(Thread::isAlive));
            SimulatedFileSystem.closeAbandoned(log);
            reopenAndCheck(config, own, everyWrite());
        }
    }

    private static Thread appender(AcknowledgedHistory history, WriteAheadLog log, WalEntry entry) {
        Thread thread = new Thread(() -> {
            try {
                history.append(log, entry);
            } catch (WalException expected) {
                // The power goes before its force.
            }
        });
        thread.start();
        return thread;
    }

    /** An entry of a few kilobytes in every codec. */
    private static WalEntry large(int i) {
        float[] values = new float[500];
        for (int d = 0; d < values.length; d++) {
            values[d] = i * 1000 + d + 0.25f;
        }
        return new WalEntry.Upsert("ns", List.of(new SerializedVector("large-" + i, values, null)));
    }
}
