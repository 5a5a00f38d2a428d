package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.vec;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Storage group commit, made deterministic: the writer leading a group is held after its append while other
 * writers queue their mutations behind it, one at a time, so the next group is exactly what they queued.
 */
class StorageGroupCommitTest {
    @TempDir
    Path dir;

    private final CountDownLatch leaderMayGoOn = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicReference<FailingLog> log = new AtomicReference<>();

    @AfterEach
    void releaseAndStop() {
        leaderMayGoOn.countDown();
        threads.shutdownNow();
    }

    /** Every-write, one large segment (no rotation forces), no automatic checkpoints. */
    private StorageConfig config(int maxRecordSize) {
        return StorageConfig.builder(wal(dir).segmentSize(1 << 20).maxRecordSize(maxRecordSize).build())
                .autoCheckpoint(false).build();
    }

    private WalStorage open(StorageConfig config) {
        return WalStorage.open(config, new InMemoryVectorStorage(), walConfig -> {
            log.set(new FailingLog(Wal.open(walConfig), dir));
            return log.get();
        });
    }

    /** The next append, once written (and forced), holds its thread until {@link #leaderMayGoOn} opens. */
    private void holdNextAppend() {
        AtomicBoolean held = new AtomicBoolean();
        log.get().afterWriting = () -> {
            if (held.compareAndSet(false, true)) {
                try {
                    leaderMayGoOn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the held leader was interrupted", e);
                }
            }
        };
    }

    /** Runs {@code mutation} on a thread of its own and returns once that thread waits (held, or queued). */
    private Future<Object> waiting(Callable<Object> mutation) {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<Object> result = threads.submit(() -> {
            thread.set(Thread.currentThread());
            return mutation.call();
        });
        await("the mutation's writer waits").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> thread.get() != null && thread.get().getState() == Thread.State.WAITING);
        return result;
    }

    private static Callable<Object> upsert(WalStorage storage, String namespace, SerializedVector vector) {
        return () -> {
            storage.upsert(namespace, vector);
            return null;
        };
    }

    @Test
    void mutationsQueuedWhileALeaderLogsAreLoggedTogetherWithOneForce() throws Exception {
        try (WalStorage storage = open(config(1 << 20))) {
            storage.createNamespace("n");
            long forcesBefore = storage.logStats().syncsSinceOpen();
            holdNextAppend();

            List<Future<Object>> writers = new ArrayList<>();
            writers.add(waiting(upsert(storage, "n", vec("leader", 1f))));
            for (int i = 0; i < 5; i++) {
                writers.add(waiting(upsert(storage, "n", vec("queued" + i, i))));
            }
            leaderMayGoOn.countDown();
            for (Future<Object> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }

            assertThat(storage.count("n")).isEqualTo(6);
            assertThat(storage.logStats().syncsSinceOpen() - forcesBefore)
                    .as("one force for the leader's upsert, one for the five queued behind it").isEqualTo(2);
        }
    }

    @Test
    void anEntryTheLogRefusesInAGroupFailsAloneAndWhatWasCheckedAgainstItIsCheckedAgain() throws Exception {
        StorageConfig config = config(200);
        String overTheLimit = "x".repeat(300);
        try (WalStorage storage = open(config)) {
            storage.createNamespace("n");
            long next = storage.log().nextLsn();
            holdNextAppend();

            Future<Object> leader = waiting(upsert(storage, "n", vec("leader", 1f)));
            Future<Object> refused = waiting(() -> {
                storage.createNamespace(overTheLimit);
                return null;
            });
            Future<Object> dependent = waiting(upsert(storage, overTheLimit, vec("a", 1f)));
            Future<Object> independent = waiting(upsert(storage, "n", vec("b", 2f)));
            leaderMayGoOn.countDown();

            leader.get(1, TimeUnit.MINUTES);
            assertThatThrownBy(() -> refused.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(EntryRejectedException.class);
            assertThatThrownBy(() -> dependent.get(1, TimeUnit.MINUTES))
                    .as("checked again without the namespace the log refused")
                    .hasCauseInstanceOf(NamespaceNotFoundException.class);
            independent.get(1, TimeUnit.MINUTES);
            assertThat(storage.log().nextLsn()).as("the leader's and the independent upsert's records only")
                    .isEqualTo(next + 2);
            storage.upsert("n", vec("after", 3f));
            assertThat(storage.namespaces()).containsExactly("n");
            assertThat(storage.scan("n")).extracting(SerializedVector::id)
                    .containsExactlyInAnyOrder("leader", "b", "after");
            var live = contents(storage);
            storage.close();
            try (WalStorage reopened = WalStorage.open(config)) {
                assertThat(contents(reopened)).isEqualTo(live);
            }
        }
    }
}
