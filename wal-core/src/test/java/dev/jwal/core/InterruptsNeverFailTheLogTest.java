package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an interrupt does: nothing to the log. An append, sync, checkpoint or close on an interrupted thread
 * completes as on any other (the JDK channel that an interrupt would close is kept out of the way), and the
 * thread's interrupt flag is still set when the call returns, for the caller to act on. So an append's
 * outcome is exact: it returns its LSN, and the record is in the log. (A thread interrupted while it waits for
 * another thread's slow force is tested in wal-testkit's InterruptsNeverFailTheLogTest, on a slow simulated disk.)
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

    /** With mapped writes too: an interrupt closes the channel, never the mapping, and zeros are written ahead on the reopened one. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void appendersInterruptedAtRandomMomentsLoseNothingAndNeverFailTheLog(boolean mapped) {
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger returnedInterrupted = new AtomicInteger();
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).segmentSize(64 * 1024)
                .mappedWrites(mapped).build())) {
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
                        if (Thread.interrupted()) {
                            returnedInterrupted.incrementAndGet();
                        }
                    }
                }));
            }
            Thread interrupter = new Thread(() -> {
                while (!stop.get()) {
                    appenders.forEach(Thread::interrupt);
                    LockSupport.parkNanos(200_000);
                }
            });
            appenders.forEach(Thread::start);
            interrupter.start();
            await("appends interrupted at random moments").atMost(Duration.ofSeconds(60))
                    .until(() -> !failures.isEmpty()
                            || acknowledged.size() >= 2_000 && returnedInterrupted.get() >= 200);
            stop.set(true);
            await("the appenders and the interrupter stopped").atMost(Duration.ofSeconds(20))
                    .until(() -> !interrupter.isAlive() && appenders.stream().noneMatch(Thread::isAlive));
        }
        assertThat(failures).isEmpty();
        try (WriteAheadLog reopened = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            assertThat(TestLogs.lsns(reopened.read(0))).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
