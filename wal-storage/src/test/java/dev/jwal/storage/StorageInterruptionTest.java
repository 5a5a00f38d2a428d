package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.WalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized: several writers run mutations on their own namespaces under every-write while checkpoints run
 * (explicit ones and the background ones the threshold starts) and the log is forced over and over (as its
 * write-back does), so that appenders wait for others' forces; random mutations are interrupted, cancelled
 * with {@code Future.cancel(true)}, or failed by the inner store (exceptions and errors). After every step
 * the storage either still serves exactly the store a reopen of its directory gives, or has failed, and then
 * the reopened store holds every acknowledged mutation (and the one in flight wholly or not at all).
 * Steps: {@code jwal.storage.interruption.steps} (20 by default; raise it for a soak), seeds from
 * {@code jwal.storage.interruption.seed}.
 */
class StorageInterruptionTest {
    static final int STEPS = Integer.getInteger("jwal.storage.interruption.steps", 20);
    static final long SEED = Long.getLong("jwal.storage.interruption.seed", System.nanoTime());
    private static final int WRITERS = 3;
    private static final int OPERATIONS = 15;
    /** Out of 100 mutations of a step that has them: how many are cancelled, how many run interrupted. */
    private static final int CANCEL_PERCENT = 6;
    private static final int INTERRUPT_PERCENT = 4;
    /** One in this many inner store mutations fails, in a step that has such failures. */
    private static final int INNER_FAILURE_ODDS = 120;

    /** What a step does to the mutations; a calm step checks that nothing else breaks the equality. */
    enum Mayhem {
        CALM(false, false, false), CANCEL(true, false, false), INTERRUPT(false, true, false),
        INNER_FAILURE(false, false, true), ALL(true, true, true);

        final boolean cancels;
        final boolean interrupts;
        final boolean innerFailures;

        Mayhem(boolean cancels, boolean interrupts, boolean innerFailures) {
            this.cancels = cancels;
            this.interrupts = interrupts;
            this.innerFailures = innerFailures;
        }
    }

    @TempDir
    Path dir;

    @Test
    void interruptedCancelledAndFailedMutationsNeverLeaveTheStoreDifferentFromItsReopenedSelf() throws Exception {
        StorageConfig config = StorageConfig.builder(wal(dir).syncPolicy(SyncPolicy.everyWrite())
                .checkpointThreshold(16).build()).build();
        List<Writer> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new Writer(SEED + w, "w" + w + "-"));
        }
        ExecutorService threads = Executors.newCachedThreadPool();
        Map<Mayhem, int[]> outcomes = new EnumMap<>(Mayhem.class);
        try {
            for (int step = 0; step < STEPS; step++) {
                Mayhem mayhem = Mayhem.values()[step % Mayhem.values().length];
                String context = "seed " + SEED + " (-Djwal.storage.interruption.seed=" + SEED + "), step " + step
                        + " (" + mayhem + ")";
                SabotagedStore inner = new SabotagedStore(new Random(SEED * 31 + step));
                WalStorage storage = WalStorage.open(config, inner);
                inner.armed = mayhem.innerFailures;
                runStep(storage, writers, threads, mayhem);
                inner.armed = false;
                boolean failed = checkAgainstReopened(storage, config, writers, context);
                outcomes.computeIfAbsent(mayhem, m -> new int[2])[failed ? 1 : 0]++;
            }
        } finally {
            threads.shutdownNow();
        }
        StringBuilder summary = new StringBuilder();
        outcomes.forEach((mayhem, counts) -> summary.append(String.format(" %s: %d usable, %d failed;", mayhem,
                counts[0], counts[1])));
        System.out.printf("%d steps, seed %d:%s%n", STEPS, SEED, summary);
        assertThat(outcomes.get(Mayhem.CALM)).as("a calm step never fails the storage").containsExactly(
                outcomes.get(Mayhem.CALM)[0], 0);
    }

    /** Runs every writer's operations, and checkpoints beside them, until all writers are done. */
    private static void runStep(WalStorage storage, List<Writer> writers, ExecutorService threads, Mayhem mayhem)
            throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<?> checkpoints = threads.submit(() -> {
            while (writing.get()) {
                try {
                    storage.checkpoint();
                } catch (StorageFailedException failed) {
                    return;
                } catch (WalException checkpointFailed) {
                    // a log an interrupt failed; the writers find out too
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        });
        // What the log's write-back does in the background: forces that an interrupted appender may be waiting for.
        Future<?> forces = threads.submit(() -> {
            while (writing.get()) {
                try {
                    storage.log().sync();
                } catch (WalException failedOrClosed) {
                    return;
                }
            }
        });
        List<Future<?>> running = new ArrayList<>();
        for (Writer writer : writers) {
            running.add(threads.submit(() -> {
                writer.run(storage, mayhem);
                return null;
            }));
        }
        try {
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
        }
        checkpoints.get(60, TimeUnit.SECONDS);
        forces.get(60, TimeUnit.SECONDS);
    }

    /**
     * Closes the storage, reopens its directory and compares.
     *
     * @return whether the storage had failed
     */
    private static boolean checkAgainstReopened(WalStorage storage, StorageConfig config, List<Writer> writers,
                                                String context) {
        SortedMap<String, SortedMap<String, SerializedVector>> live = null;
        try {
            live = contents(storage);
        } catch (StorageFailedException failed) {
            // compared with what was acknowledged below
        }
        try {
            storage.close();
        } catch (WalException closeOfAFailedLog) {
            assertThat(live).as("%s: closing failed (%s) though the storage still served reads", context,
                    closeOfAFailedLog).isNull();
        }
        try (WalStorage reopened = WalStorage.open(config)) {
            SortedMap<String, SortedMap<String, SerializedVector>> recovered = contents(reopened);
            if (live != null) {
                assertThat(recovered).as("%s: the reopened store equals the live one", context).isEqualTo(live);
            }
            for (Writer writer : writers) {
                writer.checkReopened(contents(recovered, writer.prefix), live != null, context);
            }
            return live == null;
        }
    }

    /** One writer: its own namespaces, its own model, one worker thread its mutations run on. */
    private static final class Writer {
        final String prefix;
        final WorkloadGenerator generator;
        final Random random;
        AcknowledgedStates states = new AcknowledgedStates(new StoreModel());
        boolean stopped;

        Writer(long seed, String prefix) {
            this.prefix = prefix;
            this.generator = new WorkloadGenerator(seed, prefix, 0);
            this.random = new Random(~seed);
        }

        void run(WalStorage storage, Mayhem mayhem) throws Exception {
            stopped = false;
            ExecutorService worker = Executors.newSingleThreadExecutor();
            try {
                for (int i = 0; i < OPERATIONS && !stopped; i++) {
                    runOne(storage, worker, generator.next(states.current()), mayhem);
                }
            } finally {
                worker.shutdownNow();
                worker.awaitTermination(60, TimeUnit.SECONDS);
            }
        }

        private void runOne(WalStorage storage, ExecutorService worker, Op op, Mayhem mayhem) throws Exception {
            states.inFlight(op);
            int roll = random.nextInt(100);
            boolean cancel = mayhem.cancels && roll < CANCEL_PERCENT;
            boolean interrupt = mayhem.interrupts && roll >= CANCEL_PERCENT
                    && roll < CANCEL_PERCENT + INTERRUPT_PERCENT;
            Future<?> mutation = worker.submit(() -> {
                if (interrupt) {
                    Thread.currentThread().interrupt();
                }
                op.runOn(storage);
                return null;
            });
            if (cancel) {
                LockSupport.parkNanos(random.nextInt(300_000));
                mutation.cancel(true);
            }
            try {
                mutation.get(60, TimeUnit.SECONDS);
                states.acknowledge(op, true);
            } catch (CancellationException cancelled) {
                worker.submit(() -> { }).get(60, TimeUnit.SECONDS); // the cancelled mutation is over
                resolveCancelled(storage, op);
            } catch (ExecutionException failed) {
                assertExpected(failed.getCause(), op);
                stopped = true;
            }
        }

        /** A cancelled mutation ran or not; a storage still usable shows which, wholly. */
        private void resolveCancelled(WalStorage storage, Op op) {
            SortedMap<String, SortedMap<String, SerializedVector>> mine = new TreeMap<>();
            try {
                for (String namespace : storage.namespaces()) {
                    if (namespace.startsWith(prefix)) { // other writers change only theirs meanwhile
                        mine.put(namespace, byId(storage.scan(namespace)));
                    }
                }
            } catch (StorageFailedException failed) {
                stopped = true;
                return;
            }
            if (mine.equals(states.current().contents())) {
                states.inFlight(null);
                return;
            }
            StoreModel after = states.current().copy();
            after.apply(op);
            assertThat(mine).as("a cancelled %s left the live store neither before nor after it", op)
                    .isEqualTo(after.contents());
            states.acknowledge(op, true);
        }

        private static void assertExpected(Throwable failure, Op op) {
            boolean storageFailure = failure instanceof StorageFailedException
                    || failure instanceof WalException && !(failure instanceof StorageException);
            boolean injected = failure.getMessage() != null && failure.getMessage().startsWith(SabotagedStore.INJECTED);
            if (!storageFailure && !injected) {
                throw new AssertionError(op + " failed in a way neither an interrupt nor the inner store explains",
                        failure);
            }
        }

        void checkReopened(SortedMap<String, SortedMap<String, SerializedVector>> recovered, boolean wasUsable,
                           String context) {
            int reflected = states.check(recovered, true, context + ", writer " + prefix);
            if (wasUsable) {
                assertThat(reflected).as("%s, writer %s: a usable storage had every mutation resolved", context,
                        prefix).isEqualTo(states.acknowledgedCount());
            }
            states = new AcknowledgedStates(new StoreModel(new TreeMap<>(recovered)));
        }
    }

    private static SortedMap<String, SerializedVector> byId(List<SerializedVector> vectors) {
        SortedMap<String, SerializedVector> byId = new TreeMap<>();
        vectors.forEach(vector -> byId.put(vector.id(), vector));
        return byId;
    }

    /** An inner store whose mutations fail now and then, with an exception or an error, once armed. */
    private static final class SabotagedStore extends DelegatingStorage {
        static final String INJECTED = "injected inner store failure";
        private final Random random;
        volatile boolean armed;

        SabotagedStore(Random random) {
            super(new InMemoryVectorStorage());
            this.random = random;
        }

        private void maybeFail() {
            if (!armed || ThreadLocalRandom.current().nextInt(INNER_FAILURE_ODDS) != 0) {
                return;
            }
            switch (random.nextInt(4)) {
                case 0 -> throw new IllegalStateException(INJECTED);
                case 1 -> throw new OutOfMemoryError(INJECTED);
                case 2 -> throw new StackOverflowError(INJECTED);
                default -> throw new AssertionError(INJECTED);
            }
        }

        @Override
        public void createNamespace(String namespace) {
            maybeFail();
            super.createNamespace(namespace);
        }

        @Override
        public void deleteNamespace(String namespace) {
            maybeFail();
            super.deleteNamespace(namespace);
        }

        @Override
        public void upsert(String namespace, List<SerializedVector> vectors) {
            maybeFail();
            super.upsert(namespace, vectors);
        }

        @Override
        public int delete(String namespace, List<String> ids) {
            maybeFail();
            return super.delete(namespace, ids);
        }
    }
}
