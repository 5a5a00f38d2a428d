package dev.jwal.core.write;

import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalIOException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides who forces the log, and when: group commit in two stages. At most one
 * force runs at a time. A caller who needs durability while no force runs (and
 * no other appender is expected, below) forces itself, at once (no hand-off, so one
 * thread appending alone waits for one fsync only). Callers arriving while a force
 * runs wait for it, and the flusher, a daemon
 * thread, forces what they wrote as soon as that force ends, back to back for as
 * long as anyone waits, while the others write the next batch (as BookKeeper's
 * force-write thread does). Waiters park outside the lock ({@link ParkedWaiter}):
 * whoever moves the durable LSN releases them all and unparks them once it has
 * let the lock go, so they wake in parallel and return without taking the lock
 * again, rather than one after another through a condition's queue.
 * Before it forces, the flusher waits, at most as long as the last force took,
 * until as many appenders are queued as the last force released plus those who
 * queued while it ran (a group commit delay): the released ones come back at
 * once, and would otherwise miss the next force and wait for the one after it.
 *
 * <p>It sees the writer only as a {@link ForceTarget}, and hears of write-back and
 * rotation as {@link WriteEvents}. The flusher also forces ahead of time when a
 * write-back is due. The futures of asynchronous appends complete on their own
 * thread ({@link DurableFutures}). Waiting for durability is not interruptible (see
 * {@link ParkedWaiter#await()}). Its lock is taken after the writer's, never
 * before (see {@link LogWriter}). Thread safe.
 */
final class GroupCommit implements WriteEvents {
    private final Path directory;
    /** What is forced; set once by {@link #serve}, before the log is used. */
    private volatile ForceTarget writer;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the flusher may have work. */
    private final Condition workArrived = lock.newCondition();

    private volatile long durableLsn;
    private volatile boolean forceRequested;
    // Guarded by lock.
    private boolean forcing;
    private boolean closing;
    private long wantedLsn = -1;
    /** Threads waiting for the durable LSN to move, parked outside the lock; released when it moves. */
    private List<ParkedWaiter> parked = new ArrayList<>();
    /**
     * Appenders expected to queue for the next force: those the last force released (who, appending on, come
     * back) and those who queued while it ran. While fewer are queued, the next force waits for them a while.
     */
    private int expectedAppenders;
    /** How long the last successful force took: the most the next one waits for expected appenders. */
    private long lastForceNanos;
    /** Whether the flusher is waiting for expected appenders (who then wake it only once all are queued). */
    private boolean lingering;
    private long forces;
    private final DurableFutures futures;
    /** Tells readers in this process (and, through the hint, in others) that the durable LSN moved. */
    private final DurableSignal signal;
    private Thread thread;

    /**
     * Group commit for the log in {@code directory}, whose records up to {@code durableLsn} are durable; it
     * forces nothing until it {@link #serve serves} a writer.
     */
    GroupCommit(Path directory, long durableLsn) {
        this.directory = directory;
        this.durableLsn = durableLsn;
        this.futures = new DurableFutures(directory);
        this.signal = new DurableSignal(durableLsn, new DurableLsnHint(directory));
    }

    /** The durable LSN for readers: moved after every force that made records durable, ended at close. */
    DurableSignal signal() {
        return signal;
    }

    /** Forces {@code target} from now on. Called once, before the log is used. */
    void serve(ForceTarget target) {
        this.writer = target;
    }

    /** The LSN up to which every record is forced. */
    long durableLsn() {
        return durableLsn;
    }

    /** Forces that made records durable since open. */
    long forces() {
        lock.lock();
        try {
            return forces;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forcedByRotation(long lsn) {
        markDurable(lsn);
    }

    @Override
    public void writeBackDue() {
        requestForce();
    }

    /** Records that a force made every record up to {@code lsn} durable, and wakes whoever that covers. */
    void markDurable(long lsn) {
        List<DurableFutures.Waiter> done;
        List<ParkedWaiter> released;
        lock.lock();
        try {
            forces++;
            done = publish(lsn, null);
            released = takeParked();
        } finally {
            lock.unlock();
        }
        ParkedWaiter.unparkAll(released);
        futures.complete(done, null);
        signal.advance(durableLsn);
    }

    /** Asks for a force of everything written, without waiting for it. */
    void requestForce() {
        if (forceRequested) {
            return;
        }
        lock.lock();
        try {
            forceRequested = true;
            wakeFlusher();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every record up to {@code lsn} is forced, forcing in this thread if no force is
     * running.
     *
     * @throws WalIOException     if the force this thread ran failed
     * @throws dev.jwal.api.error.WalFailedException if a write or force failed before or meanwhile
     * @throws WalClosedException if the log was closed before the records were forced
     */
    void awaitDurable(long lsn) {
        while (durableLsn < lsn) {
            ParkedWaiter next;
            lock.lock();
            try {
                next = mayLead(lsn);
                if (next == ParkedWaiter.LEAD) {
                    forcing = true;
                }
            } finally {
                lock.unlock();
            }
            if (next == ParkedWaiter.LEAD) {
                forceAndPublish();
            } else if (next != null) {
                next.await();
            }
        }
    }

    /**
     * Returns once {@code mine}, queued for whoever forces next, is written and forced; writes and
     * forces in this thread if no force is running.
     *
     * @throws WalIOException     if writing or forcing it failed
     * @throws dev.jwal.api.error.WalFailedException if a write or force failed before or meanwhile
     * @throws WalClosedException if the log was closed before it was written
     */
    void awaitWrittenAndDurable(PendingWrite mine) {
        while (!mine.done || (mine.failure == null && durableLsn < mine.lastLsn())) {
            ParkedWaiter next;
            lock.lock();
            try {
                next = mayLead(mine);
                if (next == ParkedWaiter.LEAD) {
                    forcing = true;
                }
            } finally {
                lock.unlock();
            }
            if (next != ParkedWaiter.LEAD) {
                if (next != null) {
                    next.await();
                }
                continue;
            }
            try {
                forceAndPublish();
            } catch (WalException failure) {
                if (!mine.done || mine.failure == null) {
                    throw failure;
                }
                // Its own write failed: that failure is the one to report, below.
            }
        }
    }

    /** As {@link #mayLead(long)}, for a record that may not be written yet. */
    private ParkedWaiter mayLead(PendingWrite mine) {
        if (mine.done) {
            return mine.failure == null ? mayLead(mine.lastLsn()) : null;
        }
        writer.throwIfFailed();
        if (closing) {
            throw closedBeforeForced();
        }
        if (!forcing && parked.isEmpty() && !moreAppendersExpected()) {
            return ParkedWaiter.LEAD;
        }
        // Under contention the flusher forces, for everyone queued, as soon as it may (once the appenders it
        // expects are queued, or it has waited for them as long as a force takes). Asked to force even if
        // the queue is empty by then: another writer may have written the record meanwhile.
        if (!forcing) {
            forceRequested = true;
            if (!lingering || !moreAppendersExpected()) {
                wakeFlusher();
            }
        }
        return park();
    }

    /** Under the lock: whether more appenders are expected to queue for the next force than are queued. */
    private boolean moreAppendersExpected() {
        return expectedAppenders > writer.durableWritesQueued();
    }

    /**
     * Under the lock: what the caller does next. {@link ParkedWaiter#LEAD}: force now; a waiter: wait on it,
     * once the lock is released, for the durable LSN to move, then look again; null: the records are durable
     * (look again, and be done).
     */
    private ParkedWaiter mayLead(long lsn) {
        if (durableLsn >= lsn) {
            return null;
        }
        writer.throwIfFailed();
        if (closing) {
            throw closedBeforeForced();
        }
        if (!forcing && parked.isEmpty()) {
            return ParkedWaiter.LEAD;
        }
        wantedLsn = Math.max(wantedLsn, lsn);
        if (!forcing) {
            wakeFlusher();
        }
        return park();
    }

    /** Under the lock: registers the calling thread to be released when the durable LSN next moves. */
    private ParkedWaiter park() {
        ParkedWaiter waiter = new ParkedWaiter();
        parked.add(waiter);
        return waiter;
    }

    /** Under the lock: the waiters to release once the lock is released (none is left registered). */
    private List<ParkedWaiter> takeParked() {
        if (parked.isEmpty()) {
            return List.of();
        }
        List<ParkedWaiter> taken = parked;
        parked = new ArrayList<>();
        for (ParkedWaiter waiter : taken) {
            waiter.markReleased();
        }
        return taken;
    }

    /** A future completing with {@code lsn} once every record up to it is forced, or failing as {@link #awaitDurable} would throw. */
    CompletableFuture<Long> whenDurable(long lsn) {
        DurableFutures.Waiter waiter = DurableFutures.waiter(lsn);
        if (durableLsn >= lsn) {
            waiter.future.complete(lsn);
            return waiter.future;
        }
        lock.lock();
        try {
            if (durableLsn >= lsn) {
                waiter.future.complete(lsn);
            } else if (writer.failed()) {
                waiter.future.completeExceptionally(failedMeanwhile());
            } else if (closing) {
                waiter.future.completeExceptionally(closedBeforeForced());
            } else {
                futures.add(waiter);
                wakeFlusher();
            }
        } finally {
            lock.unlock();
        }
        return waiter.future;
    }

    /** Forces (as the one forcing: {@code forcing} is set) and tells everyone; rethrows a failure to this caller. */
    private void forceAndPublish() {
        long covered = -1;
        WalException failure = null;
        long started = System.nanoTime();
        try {
            covered = writer.forceWritten();
        } catch (WalException e) {
            failure = e;
        }
        long took = System.nanoTime() - started;
        List<DurableFutures.Waiter> done;
        List<ParkedWaiter> released;
        lock.lock();
        try {
            forcing = false;
            if (failure == null) {
                forces++;
                lastForceNanos = took;
                expectedAppenders = writer.durableWritesCarried() + writer.durableWritesQueued();
            }
            done = publish(covered, failure);
            released = takeParked();
        } finally {
            lock.unlock();
        }
        ParkedWaiter.unparkAll(released);
        futures.complete(done, failure);
        if (failure != null) {
            signal.fail(failure);
            throw failure;
        }
        signal.advance(durableLsn);
    }

    /**
     * Under the lock: moves the durable LSN and, if more is waited for, wakes the flusher. Returns the futures
     * to complete outside the lock; the caller then releases the parked waiters ({@link #takeParked}).
     */
    private List<DurableFutures.Waiter> publish(long covered, WalException failure) {
        if (failure == null && covered > durableLsn) {
            durableLsn = covered;
        } else if (failure != null) {
            // Every waiter now throws; nothing is left to force for them.
            wantedLsn = durableLsn;
        }
        List<DurableFutures.Waiter> done = futures.takeDone(durableLsn, failure != null);
        if (failure == null && !forcing && hasWork()) {
            wakeFlusher();
        }
        return done;
    }

    /** Under the lock: whether someone waits for records not yet forced, or a force was asked for. */
    private boolean hasWork() {
        return forceRequested || wantedLsn > durableLsn || writer.hasDurableWritesQueued()
                || futures.waitsPast(durableLsn);
    }

    /** Under the lock. */
    private void wakeFlusher() {
        if (thread == null) {
            thread = new Thread(this::run, "jwal-flusher-" + directory.getFileName());
            thread.setDaemon(true);
            thread.start();
        }
        workArrived.signal();
    }

    private void run() {
        while (true) {
            lock.lock();
            try {
                if (!awaitWorkToForce()) {
                    return;
                }
                forcing = true;
                forceRequested = false;
            } finally {
                lock.unlock();
            }
            try {
                forceAndPublish();
            } catch (WalException failure) {
                // Already logged by the writer, which now refuses appends, and handed to every waiter.
                continue;
            }
        }
    }

    /**
     * Under the lock, on the flusher: waits until there is something to force and nobody forces, and then, while
     * fewer appenders are queued than the last force leads to expect, for them to queue, at most as long as
     * that force took (a group commit delay, as PostgreSQL's {@code commit_delay} with {@code commit_siblings}:
     * the appenders a force releases come back while the next force would already run, and would otherwise
     * wait for the one after it). Returns false once the log is closing.
     */
    private boolean awaitWorkToForce() {
        long lingerEnd = 0;
        while (true) {
            if (closing) {
                return false;
            }
            if (forcing || !hasWork()) {
                lingerEnd = 0;
                workArrived.awaitUninterruptibly();
                continue;
            }
            if (!writer.hasDurableWritesQueued() || !moreAppendersExpected()) {
                return true;
            }
            long now = System.nanoTime();
            if (lingerEnd == 0) {
                lingerEnd = now + lastForceNanos;
            }
            if (now - lingerEnd >= 0) {
                expectedAppenders = writer.durableWritesQueued(); // not all came back: expect fewer next time
                return true;
            }
            lingering = true;
            try {
                workArrived.awaitNanos(lingerEnd - now);
            } catch (InterruptedException e) {
                // The flusher's own thread, which nothing interrupts: it looks again, and forces by lingerEnd.
            } finally {
                lingering = false;
            }
        }
    }

    /**
     * Stops the flusher. Call after the writer has forced and closed: waiters whose records were
     * forced finish normally, the others fail with {@link WalClosedException}.
     */
    void close() {
        Thread flusher;
        List<DurableFutures.Waiter> left;
        List<ParkedWaiter> released;
        lock.lock();
        try {
            closing = true;
            workArrived.signal();
            released = takeParked();
            flusher = thread;
        } finally {
            lock.unlock();
        }
        ParkedWaiter.unparkAll(released);
        if (flusher != null) {
            joinUninterruptibly(flusher);
        }
        lock.lock();
        try {
            left = futures.takeAll();
        } finally {
            lock.unlock();
        }
        futures.completeAtClose(left, durableLsn, closedBeforeForced());
        signal.close();
    }

    /** Waits for {@code thread} to end; an interrupt does not cut the wait short, and is kept. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private WalClosedException closedBeforeForced() {
        return new WalClosedException("the log in " + directory + " was closed before these records were forced");
    }

    private WalException failedMeanwhile() {
        try {
            writer.throwIfFailed();
        } catch (WalException e) {
            return e;
        }
        throw new IllegalStateException("the writer has not failed");
    }

}
