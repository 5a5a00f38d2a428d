package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Futures of asynchronous appends complete off the thread that forces: a dependent stage may append, and even
 * block, without stalling anyone's durability.
 */
class CompletionStagesNeverStallDurabilityTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aStageThatAppendsCompletesWhileOtherThreadsWaitForForces() {
        FaultyFileSystem slowForces = new FaultyFileSystem();
        slowForces.forceDelayMillis.set(5);
        assertTimeoutPreemptively(PROMPTLY, () -> {
            try (WriteAheadLog log = Wal.open(config(dir).build(), slowForces)) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> appenders = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Thread appender = new Thread(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            log.append(upsert("busy-" + i, i));
                        }
                    });
                    appender.start();
                    appenders.add(appender);
                }
                List<CompletableFuture<Long>> chained = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    chained.add(log.appendAsync(upsert("first-" + i, 1f))
                            .thenApply(lsn -> log.append(upsert("after " + lsn, 2f))));
                }
                for (CompletableFuture<Long> future : chained) {
                    assertThat(future.get(20, TimeUnit.SECONDS)).isNotNegative();
                }
                stop.set(true);
                for (Thread appender : appenders) {
                    appender.join();
                }
            }
        });
    }

    @Test
    void aStageThatBlocksDoesNotStopOtherAppendsFromBecomingDurable() {
        CountDownLatch release = new CountDownLatch(1);
        assertTimeoutPreemptively(PROMPTLY, () -> {
            try (WriteAheadLog log = Wal.open(config(dir).build())) {
                CompletableFuture<Void> blocked = log.appendAsync(upsert("first", 1f))
                        .thenAccept(lsn -> awaitQuietly(release));
                for (int i = 0; i < 50; i++) {
                    log.append(upsert("meanwhile-" + i, i));
                }
                release.countDown();
                blocked.get(20, TimeUnit.SECONDS);
            }
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
