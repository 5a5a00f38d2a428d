package dev.jwal.core.write;

import dev.jwal.api.error.WalException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The futures of asynchronous appends waiting for their records to be durable, in LSN order, and the thread
 * that completes them. Futures complete on that thread, never on the one that forces: a dependent stage that
 * appends, syncs or blocks must not be able to stall durability (an append from the forcing thread would
 * wait for itself). A slow stage only delays later completions. Not thread safe: {@link GroupCommit} guards
 * the queue with its lock; completing is done outside it.
 */
final class DurableFutures {
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
    /** Runs completions; its thread starts with the first. */
    private final ExecutorService completions;

    DurableFutures(Path directory) {
        this.completions = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jwal-completions-" + directory.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A new future for records up to {@code lsn}, not yet queued. */
    static Waiter waiter(long lsn) {
        return new Waiter(lsn);
    }

    void add(Waiter waiter) {
        waiting.add(waiter);
    }

    /** Whether a queued future waits for records past {@code durableLsn}. */
    boolean waitsPast(long durableLsn) {
        return !waiting.isEmpty() && waiting.peek().lsn > durableLsn;
    }

    /** Takes the futures {@code durableLsn} covers, or all of them after a failure. */
    List<Waiter> takeDone(long durableLsn, boolean failed) {
        List<Waiter> done = List.of();
        while (!waiting.isEmpty() && (failed || waiting.peek().lsn <= durableLsn)) {
            if (done.isEmpty()) {
                done = new ArrayList<>();
            }
            done.add(waiting.poll());
        }
        return done;
    }

    /** Takes every queued future. */
    List<Waiter> takeAll() {
        List<Waiter> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    /** Completes {@code done} on the completion thread, with their LSNs or {@code failure}. */
    void complete(List<Waiter> done, WalException failure) {
        if (!done.isEmpty()) {
            run(() -> {
                for (Waiter waiter : done) {
                    if (failure == null) {
                        waiter.future.complete(waiter.lsn);
                    } else {
                        waiter.future.completeExceptionally(failure);
                    }
                }
            });
        }
    }

    /**
     * Completes what is left at close: those {@code durableLsn} covers with their LSNs, the others with
     * {@code notForced}; then lets the completion thread end once it has run what it was handed.
     */
    void completeAtClose(List<Waiter> left, long durableLsn, WalException notForced) {
        run(() -> {
            for (Waiter waiter : left) {
                if (waiter.lsn <= durableLsn) {
                    waiter.future.complete(waiter.lsn);
                } else {
                    waiter.future.completeExceptionally(notForced);
                }
            }
        });
        completions.shutdown();
    }

    /** On the completion thread; in this one if the log closed meanwhile and that thread is gone. */
    private void run(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closedMeanwhile) {
            completion.run();
        }
    }

    /** An asynchronous append waiting for records up to {@link #lsn} to be durable. */
    static final class Waiter implements Comparable<Waiter> {
        final long lsn;
        final CompletableFuture<Long> future = new CompletableFuture<>();

        private Waiter(long lsn) {
            this.lsn = lsn;
        }

        @Override
        public int compareTo(Waiter other) {
            return Long.compare(lsn, other.lsn);
        }
    }
}
