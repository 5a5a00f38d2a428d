package dev.jwal.testkit;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.jwal.testkit.Fixtures.awaitRelease;
import static dev.jwal.testkit.Fixtures.entry;
import static dev.jwal.testkit.Fixtures.reopenAndCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README: under periodic(n) "a power loss can lose up to the last n - 1 acknowledged records", however many
 * threads append.
 */
class PeriodicBoundTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();
    final AcknowledgedHistory history = new AcknowledgedHistory();

    /**
     * Two appenders, n = 2. Thread A's second append triggers the force, which is slow; meanwhile thread B
     * appends. If B is acknowledged without waiting for a force (wal-core counted appends since the last
     * force was triggered, not since the last one completed), a power loss before A's force completes takes
     * A's first record and B's: 2 acknowledged records, more than n - 1.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void atMostNMinusOneAcknowledgedRecordsAreLostWithConcurrentAppenders(Layout layout) throws Exception {
        WalConfig config = layout.config(dir).syncPolicy(SyncPolicy.periodic(2)).build();
        CountDownLatch inForce = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fs.inject(FaultPlan.builder().onNth(FileOperation.FORCE, 1, () -> {
            inForce.countDown();
            awaitRelease(release);
        }).build());
        WriteAheadLog log = Wal.open(config, fs);
        Thread slow = appender(log, 0, 1);
        assertThat(inForce.await(10, TimeUnit.SECONDS)).isTrue();
        Thread other = appender(log, 2);
        // B has written its record and either returned (acknowledged without a force: the bug) or parked
        // waiting for one; the reopened log tells which.
        await("B wrote its record and returned or waits for a force").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> log.nextLsn() >= 3 && (other.getState() == Thread.State.WAITING
                        || other.getState() == Thread.State.TIMED_WAITING
                        || other.getState() == Thread.State.TERMINATED));
        fs.powerLoss();
        release.countDown();
        await("both appenders returned").atMost(Duration.ofSeconds(10))
                .until(() -> !slow.isAlive() && !other.isAlive());
        SimulatedFileSystem.closeAbandoned(log);
        reopenAndCheck(config, history, DurabilityPromise.of(config.syncPolicy()));
    }

    private Thread appender(WriteAheadLog log, int... entries) {
        Thread thread = new Thread(() -> {
            try {
                for (int i : entries) {
                    history.append(log, entry(i));
                }
            } catch (WalException expected) {
                // The power goes during the force.
            }
        });
        thread.start();
        return thread;
    }
}
