package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.jwal.testkit.Fixtures.config;
import static dev.jwal.testkit.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The slow-disk half of wal-core's CompletionStagesNeverStallDurabilityTest: a dependent stage of an asynchronous
 * append may itself append while other threads wait for (slow) forces.
 */
class CompletionStagesNeverStallDurabilityTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aStageThatAppendsCompletesWhileOtherThreadsWaitForForces() {
        SimulatedFileSystem slowForces = new SimulatedFileSystem(
                FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(5)).build());
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
                await("the busy appenders stopped").atMost(Duration.ofSeconds(20))
                        .until(() -> appenders.stream().noneMatch(Thread::isAlive));
            }
        });
    }
}
