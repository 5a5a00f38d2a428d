package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every-write appends queue their records for whoever forces next, while asynchronous appends,
 * batches and checkpoints write their own: a record queued by one may be written by another. Every
 * call must still return, its records durable.
 */
class MixedDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void appendsAsyncAppendsBatchesAndCheckpointsFromManyThreadsAllComplete() {
        int threads = 8;
        int perThread = 150;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (WriteAheadLog log = Wal.open(config(dir).build())) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            switch ((thread + i) % 4) {
                                case 0, 1 -> log.append(upsert("t" + thread + "-" + i, i));
                                case 2 -> log.appendAsync(upsert("t" + thread + "-" + i, i)).join();
                                default -> log.appendBatch(List.of(upsert("t" + thread + "-" + i, i)));
                            }
                            if (thread == 0 && i % 25 == 0) {
                                log.checkpoint();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    assertThatCode(future::get).doesNotThrowAnyException();
                }
                pool.shutdown();
                assertThat(log.stats().syncsSinceOpen()).isPositive();
            }
            try (WriteAheadLog reopened = Wal.open(config(dir).build())) {
                assertThat(lsns(reopened.read(0))).hasSize(threads * perThread + 6);
            }
        });
    }
}
