package dev.jwal.core.write;

import dev.jwal.api.error.WalException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The durable LSN as readers in this process see it, and the wake-up for those waiting for it to move:
 * {@link GroupCommit} {@link #advance advances} it after every force that made records durable (outside its
 * own lock), publishes it for other processes ({@link DurableLsnHint}), and ends it when the log closes or a
 * force fails. Waiting is a condition, never a spin. Thread safe.
 */
public final class DurableSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private final DurableLsnHint hint; // null: published nowhere else
    private volatile long durableLsn;
    private volatile boolean closed;
    private volatile WalException failure;

    DurableSignal(long durableLsn, DurableLsnHint hint) {
        this.durableLsn = durableLsn;
        this.hint = hint;
    }

    /**
     * A signal for a log that publishes its durable LSN nowhere else (a log that is not a segment directory).
     *
     * @param durableLsn the LSN up to which the log is durable at the start, or -1
     * @return the signal; its owner moves it with {@link #advance}, and ends it with {@link #fail} or {@link #close}
     */
    public static DurableSignal unpublished(long durableLsn) {
        return new DurableSignal(durableLsn, null);
    }

    /** The LSN up to which every record is forced, or -1; never goes down. */
    public long durableLsn() {
        return durableLsn;
    }

    /** Whether no record will become durable any more: the log closed, or a write or force failed. */
    public boolean ended() {
        return closed || failure != null;
    }

    /** The failure that ended it, or null if it has not ended or the log was closed normally. */
    public WalException failure() {
        return failure;
    }

    /**
     * Waits at most {@code nanos} for the durable LSN to pass {@code lsn}, the signal to end,
     * {@code cancelled} to become true (checked under the lock, so a {@link #wakeAll()} after it is set is never
     * missed), or a spurious wake-up; returns without saying which.
     *
     * @throws InterruptedException if the thread is interrupted
     */
    public void awaitPast(long lsn, long nanos, BooleanSupplier cancelled) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (durableLsn > lsn || ended() || cancelled.getAsBoolean() || nanos <= 0) {
                return;
            }
            moved.await(nanos, TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter, so each looks again at what it waits for. */
    public void wakeAll() {
        lock.lock();
        try {
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Every record up to {@code lsn} is durable: moves the LSN (if higher), wakes the waiters, publishes it. */
    public void advance(long lsn) {
        lock.lock();
        try {
            if (lsn <= durableLsn) {
                return;
            }
            durableLsn = lsn;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        if (hint != null) {
            hint.publish(lsn);
        }
    }

    /** Publishes the current durable LSN for other processes (at open, once what was left is forced). */
    void announce() {
        if (durableLsn >= 0 && hint != null) {
            hint.publish(durableLsn);
        }
    }

    /** A write or force failed: nothing more will become durable. */
    public void fail(WalException reason) {
        lock.lock();
        try {
            if (failure == null) {
                failure = reason;
            }
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The log closed: nothing more will become durable. Stops publishing; idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        if (hint != null) {
            hint.close();
        }
    }
}
