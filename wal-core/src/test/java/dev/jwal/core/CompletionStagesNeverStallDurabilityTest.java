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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Futures of asynchronous appends complete off the thread that forces: a dependent stage may block without
 * stalling anyone's durability. (That one may append while others wait for slow forces is tested in
 * wal-testkit's CompletionStagesNeverStallDurabilityTest, on a slow simulated disk.)
 */
class CompletionStagesNeverStallDurabilityTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

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
            if (!latch.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the stage");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
