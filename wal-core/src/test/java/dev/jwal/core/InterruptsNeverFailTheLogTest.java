package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an interrupt does: nothing to the log. An append, sync, checkpoint or close on an interrupted thread
 * completes as on any other (the JDK channel that an interrupt would close is kept out of the way), and the
 * thread's interrupt flag is still set when the call returns, for the caller to act on. So an append's
 * outcome is exact: it returns its LSN, and the record is in the log.
 */
class InterruptsNeverFailTheLogTest {
    @TempDir
    Path dir;

    static Stream<SyncPolicy> policies() {
        return Stream.of(SyncPolicy.everyWrite(), SyncPolicy.periodic(3), SyncPolicy.interval(Duration.ofMillis(5)),
                SyncPolicy.manual());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void everyCallOnAnInterruptedThreadCompletesAndKeepsTheFlag(SyncPolicy policy) {
        for (SegmentFormat format : SegmentFormat.values()) {
            Path logDir = dir.resolve(format.name() + "-" + policy);
            WriteAheadLog log = Wal.open(config(logDir).format(format).syncPolicy(policy).build());
            Thread.currentThread().interrupt();
            try {
                assertThat(log.append(upsert("a", 1f))).isEqualTo(0);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
                log.appendBatch(List.of(upsert("b", 2f), upsert("c", 3f)));
                log.sync();
                assertThat(log.checkpoint()).isEqualTo(3);
                assertThat(log.append(upsert("d", 4f))).isEqualTo(4);
                log.close();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            try (WriteAheadLog reopened = Wal.open(config(logDir).format(format).build())) {
                assertThat(TestLogs.lsns(reopened.read(0))).containsExactly(0L, 1L, 2L, 3L, 4L);
            }
        }
    }

    @Test
    void aThreadInterruptedWhileWaitingForAnotherThreadsForceStillGetsItsLsn() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        try (WriteAheadLog log = Wal.open(config(dir).build(), fs)) {
            log.append(upsert("warm-up", 0f));
            fs.forceDelayMillis.set(300);
            Thread forcing = new Thread(() -> log.append(upsert("slow", 1f)));
            forcing.start();
            Thread.sleep(50);
            AtomicLong lsn = new AtomicLong(-1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                waiting.countDown();
                try {
                    lsn.set(log.append(upsert("waiting", 2f)));
                } catch (Throwable e) {
                    failure.set(e);
                }
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            waiter.start();
            waiting.await();
            Thread.sleep(50);
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(20));
            forcing.join(TimeUnit.SECONDS.toMillis(20));
            fs.forceDelayMillis.set(0);

            assertThat(failure.get()).isNull();
            assertThat(lsn.get()).isBetween(1L, 2L);
            assertThat(flagKept.get()).isTrue();
            assertThat(log.append(upsert("after", 3f))).isEqualTo(3);
        }
        try (WriteAheadLog reopened = Wal.open(config(dir).build())) {
            assertThat(TestLogs.lsns(reopened.read(0))).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void appendersInterruptedAtRandomMomentsLoseNothingAndNeverFailTheLog() throws Exception {
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).segmentSize(64 * 1024).build())) {
            List<Thread> appenders = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            for (int t = 0; t < 3; t++) {
                int id = t;
                appenders.add(new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            acknowledged.add(log.append(upsert("t" + id + "-" + i, i)));
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                        Thread.interrupted();
                    }
                }));
            }
            appenders.forEach(Thread::start);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) {
                for (Thread appender : appenders) {
                    appender.interrupt();
                }
                Thread.sleep(0, 200_000);
            }
            stop.set(true);
            for (Thread appender : appenders) {
                appender.join(TimeUnit.SECONDS.toMillis(20));
            }
        }
        assertThat(failures).isEmpty();
        try (WriteAheadLog reopened = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            assertThat(TestLogs.lsns(reopened.read(0))).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
