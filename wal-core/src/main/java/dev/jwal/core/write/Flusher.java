package dev.jwal.core.write;

import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The second stage of group commit: one daemon thread forces whatever has been written, for
 * everyone waiting, while appenders keep writing the next batch (as BookKeeper's force-write
 * thread does). A force starts as soon as the previous one ends if anyone still waits, and
 * wakes exactly the waiters it covered. The same thread completes the futures of asynchronous
 * appends and forces ahead of time when the writer asks (write-back of a large unforced tail).
 *
 * <p>Dependent stages of the futures it completes run on this thread unless they are async:
 * use {@code thenApplyAsync} and friends for anything slow. Thread safe.
 */
final class Flusher {
    private final SegmentWriter writer;
    private final Path directory;
    private final ConcurrentLinkedQueue<Waiter> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong durableLsn;
    private final AtomicLong forces = new AtomicLong();
    private volatile boolean forceRequested;
    private volatile boolean closing;
    private volatile Thread thread;

    Flusher(SegmentWriter writer, Path directory, long durableLsn) {
        this.writer = writer;
        this.directory = directory;
        this.durableLsn = new AtomicLong(durableLsn);
    }

    /** The LSN up to which every record is forced. */
    long durableLsn() {
        return durableLsn.get();
    }

    /** Forces that made records durable since open. */
    long forces() {
        return forces.get();
    }

    /** Records that a force made every record up to {@code lsn} durable, and wakes whoever that covers. */
    void markDurable(long lsn) {
        durableLsn.accumulateAndGet(lsn, Math::max);
        forces.incrementAndGet();
        if (!waiting.isEmpty()) {
            wake();
        }
    }

    /** Asks for a force of everything written, without waiting for it. */
    void requestForce() {
        if (!forceRequested) {
            forceRequested = true;
            wake();
        }
    }

    /**
     * Returns once every record up to {@code lsn} is forced.
     *
     * @throws WalIOException     if the force covering it failed, or the wait was interrupted
     * @throws WalFailedException if the log had failed before
     * @throws WalClosedException if the log was closed before the records were forced
     */
    void awaitDurable(long lsn) {
        if (durableLsn.get() >= lsn) {
            return;
        }
        writer.throwIfFailed();
        ParkedWaiter waiter = new ParkedWaiter(lsn, Thread.currentThread());
        enqueue(waiter);
        boolean interrupted = false;
        while (!waiter.finished) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                if (!waiter.finished) {
                    waiting.remove(waiter);
                    Thread.currentThread().interrupt();
                    throw new WalIOException("waiting for records up to " + lsn + " to be forced", directory,
                            new InterruptedIOException("interrupted while waiting for durability"));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (waiter.failure != null) {
            throw rethrownHere(waiter.failure, lsn);
        }
    }

    /** A future completing with {@code lsn} once every record up to it is forced, or failing as {@link #awaitDurable} would throw. */
    CompletableFuture<Long> whenDurable(long lsn) {
        FutureWaiter waiter = new FutureWaiter(lsn);
        if (durableLsn.get() >= lsn) {
            waiter.future.complete(lsn);
        } else {
            enqueue(waiter);
        }
        return waiter.future;
    }

    private void enqueue(Waiter waiter) {
        waiting.add(waiter);
        if (closing) {
            // close() may have made its last pass before the waiter was queued.
            finishCovered(closedBeforeForced());
        } else if (durableLsn.get() >= waiter.lsn) {
            // The flusher may have made its last pass before the waiter was queued.
            waiter.finish(null);
            waiting.remove(waiter);
        } else {
            wake();
        }
    }

    private void wake() {
        Thread current = thread;
        if (current == null) {
            current = start();
        }
        LockSupport.unpark(current);
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread started = new Thread(this::run, "jwal-flusher-" + directory.getFileName());
            started.setDaemon(true);
            thread = started;
            started.start();
        }
        return thread;
    }

    private void run() {
        while (true) {
            while (!closing && !forceRequested && waiting.isEmpty()) {
                LockSupport.park(this);
            }
            if (closing) {
                return;
            }
            boolean requested = forceRequested;
            forceRequested = false;
            WalException failure = null;
            if (requested || anyUncovered()) {
                try {
                    long covered = writer.forceWritten();
                    markDurable(covered);
                } catch (WalException e) {
                    failure = e;
                }
            }
            finishCovered(failure);
        }
    }

    private boolean anyUncovered() {
        long durable = durableLsn.get();
        for (Waiter waiter : waiting) {
            if (waiter.lsn > durable) {
                return true;
            }
        }
        return false;
    }

    /** Finishes the waiters the durable LSN covers; with a failure, fails all the others. */
    private void finishCovered(WalException failure) {
        long durable = durableLsn.get();
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.lsn <= durable) {
                it.remove();
                waiter.finish(null);
            } else if (failure != null) {
                it.remove();
                waiter.finish(failure);
            }
        }
    }

    /**
     * Stops the thread. Call after the writer has forced and closed: waiters whose records were
     * forced finish normally, the others fail with {@link WalClosedException}.
     */
    void close() {
        closing = true;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finishCovered(closedBeforeForced());
    }

    private WalClosedException closedBeforeForced() {
        return new WalClosedException("the log in " + directory + " was closed before these records were forced");
    }

    /** The failure, as an exception thrown in the waiting thread (whose stack trace it then shows). */
    private static RuntimeException rethrownHere(WalException failure, long lsn) {
        if (failure instanceof WalIOException io && io.getCause() instanceof java.io.IOException cause) {
            return new WalIOException("forcing records up to " + lsn, io.path(), cause);
        }
        if (failure instanceof WalClosedException) {
            return new WalClosedException(failure.getMessage());
        }
        return new WalFailedException(failure.getMessage(), failure);
    }

    /** Someone waiting for records up to {@link #lsn} to be durable. */
    private abstract static class Waiter {
        final long lsn;
        private final AtomicBoolean done = new AtomicBoolean();

        Waiter(long lsn) {
            this.lsn = lsn;
        }

        /** Finishes once; later calls do nothing. */
        final void finish(WalException failure) {
            if (done.compareAndSet(false, true)) {
                onFinish(failure);
            }
        }

        abstract void onFinish(WalException failure);
    }

    private static final class ParkedWaiter extends Waiter {
        private final Thread thread;
        private volatile WalException failure;
        private volatile boolean finished;

        ParkedWaiter(long lsn, Thread thread) {
            super(lsn);
            this.thread = thread;
        }

        @Override
        void onFinish(WalException failure) {
            this.failure = failure;
            this.finished = true;
            LockSupport.unpark(thread);
        }
    }

    private static final class FutureWaiter extends Waiter {
        private final CompletableFuture<Long> future = new CompletableFuture<>();

        FutureWaiter(long lsn) {
            super(lsn);
        }

        @Override
        void onFinish(WalException failure) {
            if (failure == null) {
                future.complete(lsn);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }
}
