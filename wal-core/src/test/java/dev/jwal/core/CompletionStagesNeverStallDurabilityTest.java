package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Futures of asynchronous appends complete off the thread that forces: a dependent stage may block without
 * stalling anyone's durability. (That one may append while others wait for slow forces is tested in
 * wal-testkit's CompletionStagesNeverStallDurabilityTest, on a slow simulated disk.)
 */
class CompletionStagesNeverStallDurabilityTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 20;

    @TempDir
    Path dir;

    @Test
    void aStageThatBlocksDoesNotStopOtherAppendsFromBecomingDurable() {
        CountDownLatch release = new CountDownLatch(1);
        assertTimeoutPreemptively(PROMPTLY, () -> {
            try (WriteAheadLog log = Wal.open(config(dir).build())) {
                CompletableFuture<Boolean> blocked = stageBlockingOnTheCompletingThread(log, release);
                for (int i = 0; i < 50; i++) {
                    log.append(upsert("meanwhile-" + i, i));
                }
                release.countDown();
                assertThat(blocked.get(20, TimeUnit.SECONDS)).as("the stage blocked the thread completing it")
                        .isTrue();
            }
        });
    }

    /**
     * Attaches a stage that blocks until {@code release} to an asynchronous append's future. A future that was
     * complete before the stage was attached (a force faster than this thread) runs the stage here instead: then
     * it does not block and another append is tried.
     */
    private static CompletableFuture<Boolean> stageBlockingOnTheCompletingThread(WriteAheadLog log,
                                                                                 CountDownLatch release) {
        Thread here = Thread.currentThread();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            CompletableFuture<Boolean> stage = log.appendAsync(upsert("first-" + attempt, attempt)).thenApply(lsn -> {
                if (Thread.currentThread() == here) {
                    return false;
                }
                awaitQuietly(release);
                return true;
            });
            if (!stage.isDone()) {
                return stage;
            }
        }
        throw new AssertionError("every one of " + ATTEMPTS + " asynchronous appends was durable before a stage "
                + "could be attached to it");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the stage");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
