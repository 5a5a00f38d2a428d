package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.jwal.testkit.Fixtures.awaitRelease;
import static dev.jwal.testkit.Fixtures.config;
import static dev.jwal.testkit.Fixtures.lsns;
import static dev.jwal.testkit.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The slow-disk half of wal-core's InterruptsNeverFailTheLogTest: a thread interrupted while it waits for
 * another thread's (slow) force still gets its LSN, and keeps its interrupt flag.
 */
class InterruptsNeverFailTheLogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aThreadInterruptedWhileWaitingForAnotherThreadsForceStillGetsItsLsn() throws Exception {
        SimulatedFileSystem fs = new SimulatedFileSystem();
        try (WriteAheadLog log = Wal.open(config(dir).build(), fs)) {
            log.append(upsert("warm-up", 0f));
            CountDownLatch inForce = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // The first force from now holds until the waiter was interrupted, then takes 300 ms; so do all
            // later ones (the waiter's own, if it forces after the first, runs interrupted).
            fs.inject(FaultPlan.builder()
                    .onNth(FileOperation.FORCE, 1, () -> {
                        inForce.countDown();
                        awaitRelease(release);
                    })
                    .slow(FileOperation.FORCE, Duration.ofMillis(300))
                    .build());
            Thread forcing = new Thread(() -> log.append(upsert("slow", 1f)));
            forcing.start();
            assertThat(inForce.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the first append forces").isTrue();

            AtomicLong lsn = new AtomicLong(-1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    lsn.set(log.append(upsert("waiting", 2f)));
                } catch (Throwable e) {
                    failure.set(e);
                }
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            waiter.start();
            await("the waiter is blocked behind the running force").atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> waiter.getState() == Thread.State.WAITING);
            waiter.interrupt();
            release.countDown();
            await("both appenders returned").atMost(TIMEOUT)
                    .until(() -> !waiter.isAlive() && !forcing.isAlive());
            fs.inject(FaultPlan.none());

            assertThat(failure.get()).isNull();
            assertThat(lsn.get()).isBetween(1L, 2L);
            assertThat(flagKept.get()).isTrue();
            assertThat(log.append(upsert("after", 3f))).isEqualTo(3);
        }
        try (WriteAheadLog reopened = Wal.open(config(dir).build())) {
            assertThat(lsns(reopened.read(0))).containsExactly(0L, 1L, 2L, 3L);
        }
    }
}
