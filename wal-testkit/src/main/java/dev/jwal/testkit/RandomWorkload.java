package dev.jwal.testkit;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Workload} of random calls: appends of unique entries (upserts, deletes,
 * namespace creations), and as configured transactions, syncs, checkpoints
 * followed by truncation, and short pauses (so an interval sync policy gets to
 * force), from one or more threads. Every entry is distinct (workloads of
 * different seeds too), so a record read back names the call that wrote it.
 * Each thread stops at the first {@link WalException} (the log failed, or the
 * power went). Immutable; built with {@link #builder(long)}.
 */
public final class RandomWorkload implements Workload {
    private final long seed;
    private final int operations;
    private final int threads;
    private final double transactions;
    private final double syncs;
    private final double checkpoints;
    private final double pauses;

    private RandomWorkload(Builder builder) {
        this.seed = builder.seed;
        this.operations = builder.operations;
        this.threads = builder.threads;
        this.transactions = builder.transactions;
        this.syncs = builder.syncs;
        this.checkpoints = builder.checkpoints;
        this.pauses = builder.pauses;
    }

    /** A workload of 40 appends from one thread, with nothing else, drawn from {@code seed}. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    public void run(WriteAheadLog log, AcknowledgedHistory history) throws Exception {
        if (threads == 1) {
            runThread(0, log, history);
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    runThread(index, log, history);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "jwal-workload-" + t);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof Exception exception) {
            throw exception;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    private void runThread(int thread, WriteAheadLog log, AcknowledgedHistory history) throws InterruptedException {
        Random random = new Random(seed * 31 + thread);
        try {
            for (int i = 0; i < operations; i++) {
                String tag = "s" + seed + "t" + thread + "-" + i;
                double dice = random.nextDouble();
                if (dice < transactions) {
                    long txnId = seed << 24 ^ (long) thread << 16 ^ i;
                    history.appendTransaction(log, txnId,
                            List.of(entry(random, tag + "a"), entry(random, tag + "b"), entry(random, tag + "c")));
                } else if (dice < transactions + syncs) {
                    history.sync(log);
                } else if (dice < transactions + syncs + checkpoints) {
                    long checkpoint = history.checkpoint(log);
                    if (random.nextBoolean()) {
                        history.truncate(log, checkpoint + 1);
                    }
                } else {
                    history.append(log, entry(random, tag));
                }
                if (random.nextDouble() < pauses) {
                    Thread.sleep(1 + random.nextInt(3));
                }
            }
        } catch (WalException expected) {
            // The log failed or lost its power: this thread is done.
        }
    }

    /** A distinct entry: its ids, namespace or values carry {@code tag}. */
    static WalEntry entry(Random random, String tag) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return new WalEntry.CreateNamespace("ns-" + tag);
        }
        if (kind == 1) {
            return new WalEntry.Delete("ns", List.of("v-" + tag, "w-" + tag));
        }
        List<SerializedVector> vectors = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int v = 0; v < count; v++) {
            float[] values = new float[1 + random.nextInt(12)];
            for (int d = 0; d < values.length; d++) {
                values[d] = (random.nextFloat() - 0.5f) * 1000f;
            }
            String metadata = random.nextBoolean() ? null : "{\"tag\":\"" + tag + "\",\"n\":" + v + "}";
            vectors.add(new SerializedVector("v-" + tag + "-" + v, values, metadata));
        }
        return new WalEntry.Upsert("ns", vectors);
    }

    @Override
    public String toString() {
        return String.format("RandomWorkload[seed=%d, %d operations x %d threads, transactions %.2f, syncs %.2f, "
                        + "checkpoints %.2f, pauses %.2f]", seed, operations, threads, transactions, syncs, checkpoints,
                pauses);
    }

    /** Configures a {@link RandomWorkload}; not thread safe. */
    public static final class Builder {
        private final long seed;
        private int operations = 40;
        private int threads = 1;
        private double transactions;
        private double syncs;
        private double checkpoints;
        private double pauses;

        private Builder(long seed) {
            this.seed = seed;
        }

        /**
         * Calls per thread; default 40.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder operations(int operations) {
            if (operations < 1) {
                throw new IllegalArgumentException("operations must be >= 1, was " + operations);
            }
            this.operations = operations;
            return this;
        }

        /**
         * Appender threads; default 1.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The share of calls that append a transaction of three entries; default 0. */
        public Builder transactions(double share) {
            this.transactions = share(share, "transactions");
            return this;
        }

        /** The share of calls that are {@code sync()}; default 0. */
        public Builder syncs(double share) {
            this.syncs = share(share, "syncs");
            return this;
        }

        /** The share of calls that are {@code checkpoint()}, half of them followed by a truncation; default 0. */
        public Builder checkpoints(double share) {
            this.checkpoints = share(share, "checkpoints");
            return this;
        }

        /** The share of calls followed by a pause of 1 to 3 ms; default 0. */
        public Builder pauses(double share) {
            this.pauses = share(share, "pauses");
            return this;
        }

        /**
         * The workload.
         *
         * @throws IllegalArgumentException if transactions, syncs and checkpoints add up to more than 1
         */
        public RandomWorkload build() {
            if (transactions + syncs + checkpoints > 1) {
                throw new IllegalArgumentException("transactions, syncs and checkpoints add up to more than 1");
            }
            return new RandomWorkload(this);
        }

        private static double share(double share, String what) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(what + " must be a share between 0 and 1, was " + share);
            }
            return share;
        }
    }
}
