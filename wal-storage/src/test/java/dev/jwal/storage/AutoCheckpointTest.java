package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.vec;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AutoCheckpointTest {
    @TempDir
    Path dir;

    private StorageConfig config(int threshold) {
        return StorageConfig.builder(wal(dir).checkpointThreshold(threshold).build()).build();
    }

    @Test
    void reachingTheThresholdCheckpointsInTheBackground() throws Exception {
        AtomicInteger userListenerCalls = new AtomicInteger();
        StorageConfig config = StorageConfig.builder(wal(dir).checkpointThreshold(20)
                .checkpointListener((log, entries) -> userListenerCalls.incrementAndGet()).build()).build();
        SortedMap<String, SortedMap<String, SerializedVector>> expected;
        try (WalStorage storage = WalStorage.open(config)) {
            storage.createNamespace("n");
            for (int i = 0; i < 200; i++) {
                storage.upsert("n", vec("v" + (i % 70), i));
            }
            await("two background checkpoints").atMost(Duration.ofSeconds(20)).until(() -> snapshotCount() >= 2);
            assertThat(userListenerCalls).as("the configured listener is still told").hasPositiveValue();
            expected = contents(storage);
        }
        // A checkpoint may still have been pruning older snapshots above; close waits for it.
        assertThat(snapshotCount()).as("snapshots kept").isEqualTo(2);
        try (WalStorage storage = WalStorage.open(config)) {
            assertThat(contents(storage)).isEqualTo(expected);
            assertThat(storage.logStats().firstLsn()).as("the log was truncated").isPositive();
        }
    }

    /** The listener's javadoc lets it hand work to another thread; the storage's locks must not block that. */
    @Test
    void aCheckpointListenerMayWaitForAMutationOrCheckpointItHandsToAnotherThread() throws Exception {
        AtomicReference<WalStorage> opened = new AtomicReference<>();
        AtomicReference<String> outcome = new AtomicReference<>("never told");
        ExecutorService helper = Executors.newSingleThreadExecutor();
        StorageConfig config = StorageConfig.builder(wal(dir).checkpointThreshold(5)
                .checkpointListener((log, entries) -> {
                    if (!outcome.get().equals("never told")) {
                        return;
                    }
                    outcome.set("waiting");
                    try {
                        helper.submit(() -> {
                            opened.get().upsert("n", vec("from-the-listener's-helper", 1f));
                            opened.get().checkpoint();
                        }).get(10, TimeUnit.SECONDS);
                        outcome.set("done");
                    } catch (Exception e) {
                        outcome.set("failed: " + e);
                    }
                }).build()).build();
        try (WalStorage storage = WalStorage.open(config)) {
            opened.set(storage);
            storage.createNamespace("n");
            for (int i = 0; i < 6; i++) {
                storage.upsert("n", vec("v" + i, i));
            }
            assertThat(outcome).as("the helper's mutation ran while the listener waited").hasValue("done");
            assertThat(storage.get("n", "from-the-listener's-helper")).isPresent();
        } finally {
            helper.shutdownNow();
        }
    }

    @Test
    void writersReadersAndCheckpointsRunTogether() throws Exception {
        SortedMap<String, SortedMap<String, SerializedVector>> expected;
        AtomicBoolean writing = new AtomicBoolean(true);
        try (WalStorage storage = WalStorage.open(config(25))) {
            storage.createNamespace("pairs");
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int thread = t;
                    storage.createNamespace("t" + t);
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 150; i++) {
                            storage.upsert("t" + thread, vec("v" + (i % 40), i, thread));
                            if (i % 7 == 0) {
                                storage.delete("t" + thread, "v" + (i % 13));
                            }
                            int n = i;
                            storage.transaction(tx -> tx.upsert("pairs", vec(thread + "a" + n, 1f), vec(thread + "b" + n, 2f)));
                        }
                    }));
                }
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        storage.checkpoint();
                    }
                }));
                Future<?> reader = pool.submit(() -> {
                    while (writing.get()) {
                        assertThat(storage.count("pairs") % 2).as("a transaction is seen whole").isZero();
                    }
                });
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                reader.get(10, TimeUnit.SECONDS);
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
            assertThat(storage.count("pairs")).isEqualTo(900);
            expected = contents(storage);
        }
        try (WalStorage storage = WalStorage.open(config(25))) {
            assertThat(contents(storage)).isEqualTo(expected);
        }
    }

    private long snapshotCount() throws IOException {
        Path snapshots = dir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.filter(path -> path.toString().endsWith(".snap")).count();
        }
    }
}
