package dev.jwal.storage;

import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.vec;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;

/** Many threads writing through one storage at once: their mutations share forces and apply in log order. */
class ConcurrentWritersTest {
    private static final int THREADS = 8;
    private static final int MUTATIONS = 40;

    @TempDir
    Path dir;

    private StorageConfig everyWrite() {
        return StorageConfig.builder(wal(dir).syncPolicy(SyncPolicy.everyWrite()).build()).autoCheckpoint(false).build();
    }

    /** Runs {@code body(thread)} on {@value #THREADS} threads released together; fails on any thread's failure. */
    private static void together(ThrowingIntConsumer body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    start.await();
                    body.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private interface ThrowingIntConsumer {
        void accept(int value) throws Exception;
    }

    @Test
    void concurrentDurableUpsertsShareForcesAndAllSurviveAReopen() throws Exception {
        try (WalStorage storage = WalStorage.open(everyWrite())) {
            storage.createNamespace("n");
            long forcesBefore = storage.logStats().syncsSinceOpen();

            together(thread -> {
                for (int i = 0; i < MUTATIONS; i++) {
                    storage.upsert("n", vec("t" + thread + "-" + i, thread, i));
                }
            });

            assertThat(storage.count("n")).isEqualTo((long) THREADS * MUTATIONS);
            assertThat(storage.logStats().syncsSinceOpen() - forcesBefore)
                    .as("forces for %d durable upserts from %d threads", THREADS * MUTATIONS, THREADS)
                    .isLessThan((long) THREADS * MUTATIONS);
            var live = contents(storage);
            storage.close();
            try (WalStorage reopened = WalStorage.open(everyWrite())) {
                assertThat(contents(reopened)).isEqualTo(live);
            }
        }
    }

    @Test
    void mutationsCheckedWhileOthersAreInFlightSeeTheirEffects() throws Exception {
        try (WalStorage storage = WalStorage.open(everyWrite())) {
            together(thread -> {
                String namespace = "ns" + thread;
                for (int i = 0; i < MUTATIONS / 4; i++) {
                    storage.createNamespace(namespace);
                    storage.upsert(namespace, vec("a", i, 1f), vec("b", i, 2f));
                    storage.delete(namespace, List.of("a"));
                    storage.deleteNamespace(namespace);
                }
                storage.createNamespace(namespace);
                storage.upsert(namespace, vec("last", thread, 0f, 0f)); // another dimension in the recreated namespace
            });

            var live = contents(storage);
            assertThat(live).hasSize(THREADS);
            live.values().forEach(vectors -> assertThat(vectors).containsOnlyKeys("last"));
            storage.close();
            try (WalStorage reopened = WalStorage.open(everyWrite())) {
                assertThat(contents(reopened)).isEqualTo(live);
            }
        }
    }

    @Test
    void aMutationInvalidAgainstOneStillInFlightIsRefusedAndWritesNothing() throws Exception {
        try (WalStorage storage = WalStorage.open(everyWrite())) {
            storage.createNamespace("shared");
            together(thread -> {
                for (int i = 0; i < MUTATIONS; i++) {
                    try {
                        // Every thread upserts 2 floats but thread 0 makes the namespace 3-dimensional first.
                        storage.upsert("shared", thread == 0 && i == 0 ? vec("x", 1f, 2f, 3f) : vec("t" + thread, 1f, 2f));
                    } catch (DimensionMismatchException expected) {
                        // refused before writing: the store's dimension is another one
                    }
                }
            });
            var live = contents(storage);
            int dimension = storage.dimension("shared").orElseThrow();
            assertThat(live.get("shared").values()).allSatisfy(v -> assertThat(v.dimension()).isEqualTo(dimension));
            storage.close();
            try (WalStorage reopened = WalStorage.open(everyWrite())) {
                assertThat(contents(reopened)).isEqualTo(live);
            }
        }
    }
}
