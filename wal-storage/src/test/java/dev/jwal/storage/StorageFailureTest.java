package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.jwal.storage.TestStores.manualCheckpoints;
import static dev.jwal.storage.TestStores.vec;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A storage never keeps serving a store that differs from what reopening its directory gives: an append
 * that fails without saying whether the log holds the record, and an inner store that fails to apply a
 * logged mutation, whatever it throws, fail the storage; a refused entry does not.
 */
class StorageFailureTest {
    @TempDir
    Path dir;

    /** What an append may throw after its record reached the log, or without saying whether it did. */
    static Stream<Supplier<Throwable>> ambiguousAppendFailures() {
        Path where = Path.of("segment.wal");
        return Stream.of(
                named("an interrupted wait for another's force", () -> new WalIOException("waiting for durability",
                        where, new InterruptedIOException("interrupted while waiting for durability"))),
                named("a failed log", () -> new WalFailedException("the log failed", new IOException("fsync"))),
                named("a log closed meanwhile", () -> new WalClosedException("the log is closed")),
                named("a bug in the log", () -> new IllegalStateException("unexpected")),
                named("an error in the log", () -> new OutOfMemoryError("no room for the batch")));
    }

    private static Supplier<Throwable> named(String name, Supplier<Throwable> failure) {
        return new Supplier<>() {
            @Override
            public Throwable get() {
                return failure.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private WalStorage openOnFailingLog(AtomicReference<FailingLog> failing) {
        return WalStorage.open(manualCheckpoints(dir), new InMemoryVectorStorage(), config -> {
            failing.set(new FailingLog(Wal.open(config), dir));
            return failing.get();
        });
    }

    private static void throwAfterWriting(FailingLog log, Supplier<Throwable> failure) {
        log.afterWriting = () -> {
            Throwable thrown = failure.get();
            if (thrown instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) thrown;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousAppendFailures")
    void aDeleteWhoseAppendFailsAmbiguouslyFailsTheStorageInsteadOfDivergingFromTheLog(Supplier<Throwable> failure) {
        AtomicReference<FailingLog> failing = new AtomicReference<>();
        try (WalStorage storage = openOnFailingLog(failing)) {
            storage.createNamespace("x");
            throwAfterWriting(failing.get(), failure);

            assertThatThrownBy(() -> storage.deleteNamespace("x")).isInstanceOf(failure.get().getClass());
            assertThatThrownBy(() -> storage.containsNamespace("x")).as("reads would see a namespace the log deleted")
                    .isInstanceOf(StorageFailedException.class);
            assertThatThrownBy(() -> storage.createNamespace("y")).isInstanceOf(StorageFailedException.class);
            assertThatThrownBy(storage::checkpoint).isInstanceOf(StorageFailedException.class);
        }
        try (WalStorage reopened = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(reopened.namespaces()).as("the log holds the delete").isEmpty();
        }
    }

    @Test
    void aCreateRetriedAfterAnInterruptedAppendIsNotLoggedTwiceSoTheStoreStillOpens() {
        AtomicReference<FailingLog> failing = new AtomicReference<>();
        try (WalStorage storage = openOnFailingLog(failing)) {
            for (int attempt = 0; attempt < 3; attempt++) {
                failing.get().afterWriting = () -> {
                    throw new WalIOException("waiting for durability", dir,
                            new InterruptedIOException("interrupted while waiting for durability"));
                };
                try {
                    storage.createNamespace("x");
                } catch (WalIOException | StorageFailedException expected) {
                    // the application retries, as it would after an interrupt
                }
            }
        }
        try (WalStorage reopened = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(reopened.namespaces()).containsExactly("x");
        }
    }

    @Test
    void anEntryTheLogRefusesWritesNothingAndLeavesTheStorageUsable() {
        StorageConfig config = StorageConfig.builder(wal(dir).maxRecordSize(200).build()).autoCheckpoint(false).build();
        try (WalStorage storage = WalStorage.open(config)) {
            storage.createNamespace("n");
            long next = storage.log().nextLsn();

            assertThatThrownBy(() -> storage.upsert("n", SerializedVector.of("big", new float[100])))
                    .isInstanceOf(EntryRejectedException.class);
            assertThat(storage.log().nextLsn()).as("nothing written").isEqualTo(next);
            storage.upsert("n", vec("small", 1f));
            assertThat(storage.count("n")).isEqualTo(1);
        }
    }

    static Stream<Supplier<Throwable>> innerStoreErrors() {
        return Stream.of(named("OutOfMemoryError", () -> new OutOfMemoryError("Java heap space")),
                named("StackOverflowError", StackOverflowError::new),
                named("AssertionError", () -> new AssertionError("invariant broken")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("innerStoreErrors")
    void anErrorFromTheInnerStoreFailsTheStorageAndNoCheckpointMakesTheLossPermanent(Supplier<Throwable> error)
            throws IOException {
        VectorStorage breaking = new DelegatingStorage(new InMemoryVectorStorage()) {
            @Override
            public void upsert(String namespace, List<SerializedVector> vectors) {
                throw (Error) error.get();
            }
        };
        StorageConfig config = manualCheckpoints(dir);
        try (WalStorage storage = WalStorage.open(config, breaking)) {
            storage.createNamespace("n");

            assertThatThrownBy(() -> storage.upsert("n", vec("a", 1f))).isInstanceOf(error.get().getClass());
            assertThatThrownBy(() -> storage.count("n")).isInstanceOf(StorageFailedException.class);
            assertThatThrownBy(storage::checkpoint).isInstanceOf(StorageFailedException.class);
        }
        assertThat(snapshots(config)).as("no snapshot without the logged upsert").isEmpty();
        try (WalStorage reopened = WalStorage.open(config)) {
            assertThat(reopened.scan("n")).as("the logged upsert is replayed").containsExactly(vec("a", 1f));
        }
    }

    @Test
    void aReaderWaitingWhileATransactionFailsMidApplySeesTheFailureNotHalfTheTransaction() throws Exception {
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        VectorStorage breaking = new DelegatingStorage(new InMemoryVectorStorage()) {
            @Override
            public int delete(String namespace, List<String> ids) {
                deleting.countDown();
                awaitUninterruptibly(fail);
                throw new IllegalStateException("the inner store broke mid-transaction");
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir), breaking)) {
            storage.createNamespace("n");
            storage.upsert("n", vec("a", 1f));
            Future<?> writer = threads.submit(() -> storage.transaction(tx -> {
                tx.upsert("n", vec("b", 2f));
                tx.delete("n", "a");
            }));
            assertThat(deleting.await(10, TimeUnit.SECONDS)).as("the transaction is applying").isTrue();

            AtomicReference<Thread> readerThread = new AtomicReference<>();
            Future<Optional<SerializedVector>> reader = threads.submit(() -> {
                readerThread.set(Thread.currentThread());
                return storage.get("n", "b");
            });
            awaitParked(readerThread);
            fail.countDown();

            assertThatThrownBy(writer::get).hasCauseInstanceOf(StorageFailedException.class);
            assertThatThrownBy(reader::get).as("b without the delete of a is half the transaction")
                    .hasCauseInstanceOf(StorageFailedException.class);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the thread has started and is parked (on the read lock the applying writer holds). */
    private static void awaitParked(AtomicReference<Thread> thread) {
        await("the reader waits for the read lock").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> thread.get() != null && thread.get().getState() == Thread.State.WAITING);
    }

    private static List<Path> snapshots(StorageConfig config) throws IOException {
        if (!Files.isDirectory(config.snapshotDirectory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(config.snapshotDirectory())) {
            return files.filter(path -> path.getFileName().toString().endsWith(SnapshotFormat.SUFFIX)).toList();
        }
    }
}
