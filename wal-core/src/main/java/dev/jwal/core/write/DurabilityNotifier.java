package dev.jwal.core.write;

import dev.jwal.api.error.WalClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Completes the futures of asynchronous appends once their records are forced.
 * One daemon thread forces whatever has been written while futures wait, so
 * the next batch gathers while a force is in flight: a caller that submits
 * without waiting gets durability at the pace of the disk, not one force per
 * record. A failed force fails every waiting future (and the writer). Thread safe.
 */
public final class DurabilityNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurabilityNotifier.class);

    private final SegmentWriter writer;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
    private final Thread thread;
    private boolean closed;

    private record Waiter(long lsn, CompletableFuture<Long> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return Long.compare(lsn, other.lsn);
        }
    }

    public DurabilityNotifier(SegmentWriter writer, String name) {
        this.writer = writer;
        this.thread = new Thread(this::run, "jwal-durability-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A future that completes with {@code lsn} once every record up to it is forced. */
    public CompletableFuture<Long> whenDurable(long lsn) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                future.completeExceptionally(new WalClosedException("the log is closed"));
                return future;
            }
            waiting.add(new Waiter(lsn, future));
            notifyAll();
        }
        return future;
    }

    private void run() {
        while (true) {
            long target;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                target = writer.writtenLsn();
            }
            try {
                writer.awaitDurable(target);
                completeUpTo(target, null);
            } catch (RuntimeException failure) {
                LOG.debug("force for asynchronous appends failed", failure);
                completeUpTo(Long.MAX_VALUE, failure);
            }
        }
    }

    private void completeUpTo(long durable, RuntimeException failure) {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.peek();
                if (next == null || next.lsn > durable) {
                    return;
                }
                waiting.poll();
            }
            if (failure == null) {
                next.future.complete(next.lsn);
            } else {
                next.future.completeExceptionally(failure);
            }
        }
    }

    /**
     * Stops the thread. Call after the writer has forced and closed: waiting
     * futures complete if their records were forced, and fail otherwise.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completeUpTo(writer.durableLsn(), null);
        completeUpTo(Long.MAX_VALUE, new WalClosedException("the log was closed before these records were forced"));
    }
}
