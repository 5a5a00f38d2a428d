package dev.jwal.storage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The order in which logged mutations are applied: each takes a ticket when its record is handed to the
 * log (in the order of the records' LSNs) and applies only when every ticket before it has passed, so the
 * store changes in LSN order however the mutations' waits for their forces end. Passing a ticket wakes only
 * the thread waiting for the next one. Waits here do not give up on an interrupt (the thread's interrupt
 * status is kept): a mutation ahead in the order is at most waiting for its force, which the log ends by
 * completing or failing it. Thread safe.
 */
final class ApplyOrder {
    /** Tickets handed out so far. */
    private final AtomicLong issued = new AtomicLong();
    /** The next ticket to apply: every ticket below it has passed. */
    private final AtomicLong next = new AtomicLong();
    /** The threads waiting for their turn, by ticket. */
    private final ConcurrentHashMap<Long, Thread> waiting = new ConcurrentHashMap<>();
    /** Signalled when every ticket handed out has passed, for {@link #awaitIdle()}. */
    private final Object idle = new Object();

    /** A new ticket, after all those handed out before. Called by one thread at a time (under a lock). */
    long issue() {
        return issued.getAndIncrement();
    }

    /** Whether every ticket handed out has passed: no mutation is between its append and its apply. */
    boolean idle() {
        return next.get() == issued.get();
    }

    /** Waits until every ticket before {@code ticket} has passed. */
    void awaitTurn(long ticket) {
        if (next.get() == ticket) {
            return;
        }
        Thread me = Thread.currentThread();
        waiting.put(ticket, me);
        boolean interrupted = false;
        while (next.get() != ticket) { // registered first, then checked: a pass in between unparks or is seen
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        waiting.remove(ticket);
        if (interrupted) {
            me.interrupt();
        }
    }

    /** Passes {@code ticket}, whose turn it is: the next one may apply. */
    void pass(long ticket) {
        if (!next.compareAndSet(ticket, ticket + 1)) {
            throw new IllegalStateException("ticket " + ticket + " passed out of turn; next is " + next.get());
        }
        Thread successor = waiting.get(ticket + 1);
        if (successor != null) {
            LockSupport.unpark(successor);
        }
        if (ticket + 1 == issued.get()) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Waits until every ticket handed out has passed. Called under the lock that {@link #issue()} is called under. */
    void awaitIdle() {
        boolean interrupted = false;
        synchronized (idle) {
            while (!idle()) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
