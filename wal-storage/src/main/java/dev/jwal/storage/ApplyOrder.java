package dev.jwal.storage;

/**
 * The order in which logged mutations are applied: each takes a ticket when its record is handed to the
 * log (in the order of the records' LSNs) and applies only when every ticket before it has passed, so the
 * store changes in LSN order however the mutations' waits for their forces end. Waits here do not give up
 * on an interrupt (the thread's interrupt status is kept): a mutation ahead in the order is at most
 * waiting for its force, which the log ends by completing or failing it. Thread safe.
 */
final class ApplyOrder {
    /** Tickets handed out so far. */
    private long issued;
    /** The next ticket to apply: every ticket below it has passed. */
    private long next;

    /** A new ticket, after all those handed out before. */
    synchronized long issue() {
        return issued++;
    }

    /** Whether every ticket handed out has passed: no mutation is between its append and its apply. */
    synchronized boolean idle() {
        return next == issued;
    }

    /** Waits until every ticket before {@code ticket} has passed. */
    synchronized void awaitTurn(long ticket) {
        boolean interrupted = false;
        while (next != ticket) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes {@code ticket}, whose turn it is: the next one may apply. */
    synchronized void pass(long ticket) {
        if (ticket != next) {
            throw new IllegalStateException("ticket " + ticket + " passed out of turn; next is " + next);
        }
        next++;
        notifyAll();
    }

    /** Waits until every ticket handed out has passed. */
    synchronized void awaitIdle() {
        boolean interrupted = false;
        while (next != issued) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
