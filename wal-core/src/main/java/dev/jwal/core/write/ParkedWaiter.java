package dev.jwal.core.write;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread waiting, outside {@link GroupCommit}'s lock, for the durable LSN to move. The one who moves it
 * marks every waiter released under the lock and unparks them after releasing it, so the waiters wake at once
 * and in parallel, and one whose records are now durable returns without taking the lock again (a
 * {@link java.util.concurrent.locks.Condition} would wake them one after another, each taking the lock in
 * turn). Waiting is not interruptible: the records are the log's already, and will be forced whatever the
 * caller does; an interrupt is kept, the thread's flag set again when the wait ends.
 */
final class ParkedWaiter {
    /** Not a waiter: tells the caller to force itself. */
    static final ParkedWaiter LEAD = new ParkedWaiter(null);

    private final Thread thread;
    private volatile boolean released;

    ParkedWaiter() {
        this(Thread.currentThread());
    }

    private ParkedWaiter(Thread thread) {
        this.thread = thread;
    }

    /** Under the lock: the durable LSN moved, or the log failed or closes. */
    void markReleased() {
        released = true;
    }

    /** Outside the lock: wakes the waiters marked released. */
    static void unparkAll(List<ParkedWaiter> waiters) {
        for (ParkedWaiter waiter : waiters) {
            LockSupport.unpark(waiter.thread);
        }
    }

    /** On the waiting thread, outside the lock: returns once released. */
    void await() {
        boolean interrupted = false;
        while (!released) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
