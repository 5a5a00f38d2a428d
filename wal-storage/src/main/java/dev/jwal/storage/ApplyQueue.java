package dev.jwal.storage;

import dev.jwal.api.WalEntry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutations handed to the log and not yet applied, in the order of their records' LSNs, and their applying:
 * a mutation applies only after every one before it, once its record is durable. Whichever writer gets
 * there first applies every mutation at the head of the queue whose record is durable, its own and others',
 * and wakes their writers, so a force that made many records durable is followed by one pass over them,
 * not a chain of writers waking each other in turn. Waits here do not give up on an interrupt (the thread's
 * interrupt status is kept): the writers ahead wait at most for their forces, which the log ends by completing
 * or failing them. Thread safe; {@link #add} is called by one thread at a time, in LSN order.
 */
final class ApplyQueue {
    /** What applying a mutation does, run by whichever writer applies it. */
    interface Applier {
        /**
         * Applies {@code entries}, whose append is {@code durable} (done; null when it was durable before it
         * was queued), or throws why they cannot be applied.
         *
         * @return what applying returned
         */
        int apply(List<WalEntry> entries, CompletableFuture<Long> durable);
    }

    /** A mutation between its append and its apply. */
    static final class Pending {
        private final List<WalEntry> entries;
        private final CompletableFuture<Long> durable;
        private final Thread writer;
        private int result;
        private Throwable failure;
        private volatile boolean done;

        private Pending(List<WalEntry> entries, CompletableFuture<Long> durable, Thread writer) {
            this.entries = entries;
            this.durable = durable;
            this.writer = writer;
        }

        private boolean durableOrFailed() {
            return durable == null || durable.isDone();
        }
    }

    private final Applier applier;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the writer applying the head of the queue. */
    private final ReentrantLock applying = new ReentrantLock();
    /** Signalled when the queue empties, for {@link #awaitIdle()}. */
    private final Object idle = new Object();

    ApplyQueue(Applier applier) {
        this.applier = applier;
    }

    /** Queues the calling writer's mutation, after every one queued before it. */
    Pending add(List<WalEntry> entries, CompletableFuture<Long> durable) {
        Pending pending = new Pending(entries, durable, Thread.currentThread());
        queue.add(pending);
        return pending;
    }

    /** Whether no mutation is between its append and its apply. */
    boolean idle() {
        return queue.isEmpty();
    }

    /**
     * Waits until {@code pending} (the calling writer's) is durable and applied, applying it and whatever else
     * is ready at the head of the queue if no other writer does first.
     *
     * @return what applying it returned
     * @throws RuntimeException or Error: why it could not be applied (as {@link Applier#apply} threw it)
     */
    int await(Pending pending) {
        if (pending.durable != null) {
            try {
                pending.durable.join(); // does not give up on an interrupt
            } catch (RuntimeException failed) {
                // Seen by whoever applies it: its append failed.
            }
        }
        applyReady();
        boolean interrupted = false;
        while (!pending.done) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (pending.failure instanceof Error error) {
            throw error;
        }
        if (pending.failure != null) {
            throw (RuntimeException) pending.failure;
        }
        return pending.result;
    }

    /**
     * Applies the mutations at the head of the queue whose records are durable (or whose appends failed),
     * unless another writer is doing so: then that writer, once it lets go, looks at the head again and
     * carries on if it is ready. So a writer never queues behind another to find its work done, and a
     * mutation whose record became durable is always applied: its own writer calls this after its wait
     * ended, and either applies it or fails to take the lock from one that will look again.
     */
    private void applyReady() {
        while (applying.tryLock()) {
            try {
                Pending head;
                while ((head = queue.peek()) != null && head.durableOrFailed()) {
                    try {
                        head.result = applier.apply(head.entries, head.durable);
                    } catch (RuntimeException | Error e) {
                        head.failure = e;
                    }
                    queue.poll();
                    head.done = true;
                    if (head.writer != Thread.currentThread()) {
                        LockSupport.unpark(head.writer);
                    }
                }
                if (queue.isEmpty()) {
                    synchronized (idle) {
                        idle.notifyAll();
                    }
                }
            } finally {
                applying.unlock();
            }
            Pending head = queue.peek();
            if (head == null || !head.durableOrFailed()) {
                return;
            }
        }
    }

    /** Waits until no mutation is in flight. Called under the lock that {@link #add} is called under. */
    void awaitIdle() {
        boolean interrupted = false;
        synchronized (idle) {
            while (!queue.isEmpty()) {
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
