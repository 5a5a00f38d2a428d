package dev.jwal.storage;

import dev.jwal.api.WalEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a storage (flat combining): mutations waiting to be checked, logged and applied, in the
 * order their writers queued them. One waiting writer at a time leads, holding the lead lock (the storage's
 * mutation lock): it takes every mutation queued and hands the group to the {@link Committer} (which checks
 * each, logs those it accepts with as few appends as it can, so one force makes the whole group durable under
 * every-write, and applies them in order), settling each mutation and waking its writer; the others park until
 * their mutation is settled or whoever let go of the lead wakes the writer at the head of the queue to lead the
 * next group. So a group is logged while the next one gathers, a writer takes no lock to queue, parks and wakes
 * once, and no thread other than the writers' runs. Anyone else who takes the lead lock (a checkpoint's copy,
 * close) lets go with {@link #unlockAndWakeNext}. Waits here do not give up on an interrupt (the thread's
 * interrupt status is kept): the mutations ahead are committed whatever one writer does. Thread safe.
 */
final class CommitQueue {
    /** Logs and applies a group of mutations, in order. */
    interface Committer {
        /**
         * Logs and applies {@code group} in order, settling every mutation ({@link Mutation#succeed} or
         * {@link Mutation#fail}); one it leaves unsettled fails with what it threw.
         */
        void commit(List<Mutation> group);
    }

    /** A mutation between its call and its apply. */
    static final class Mutation {
        final List<WalEntry> entries;
        /** Whether its entries are to be logged as one transaction. */
        final boolean transaction;
        private final Thread writer;
        private final CommitQueue queue;
        private int result;
        private Throwable failure;
        private volatile boolean done;

        private Mutation(List<WalEntry> entries, boolean transaction, Thread writer, CommitQueue queue) {
            this.entries = entries;
            this.transaction = transaction;
            this.writer = writer;
            this.queue = queue;
        }

        /** It was logged and applied, returning {@code applied}; wakes its writer. */
        void succeed(int applied) {
            result = applied;
            settle();
        }

        /** It was not (or not wholly) logged or applied, for {@code reason}; wakes its writer, who throws it. */
        void fail(Throwable reason) {
            failure = reason;
            settle();
        }

        boolean settled() {
            return done;
        }

        private void settle() {
            done = true;
            queue.settled();
            if (writer != Thread.currentThread()) {
                LockSupport.unpark(writer);
            }
        }
    }

    private final Committer committer;
    private final ConcurrentLinkedQueue<Mutation> queue = new ConcurrentLinkedQueue<>();
    /** Held by the writer leading a group, and by whoever else must see no group in progress. */
    private final ReentrantLock leading;
    /** Mutations added and not yet settled. */
    private final AtomicInteger inFlight = new AtomicInteger();

    CommitQueue(ReentrantLock leading, Committer committer) {
        this.leading = leading;
        this.committer = committer;
    }

    /** Queues the calling writer's mutation, after every one queued before it. */
    Mutation add(List<WalEntry> entries, boolean transaction) {
        Mutation mutation = new Mutation(entries, transaction, Thread.currentThread(), this);
        inFlight.incrementAndGet();
        queue.add(mutation);
        return mutation;
    }

    /** Whether no mutation is between its check and its apply. */
    boolean idle() {
        return inFlight.get() == 0;
    }

    /**
     * Waits until {@code mine} (the calling writer's) is logged and applied, leading the groups that come
     * before it, and its own, while no other writer does.
     *
     * @return what applying it returned
     * @throws RuntimeException or Error: why it was not logged or applied
     */
    int await(Mutation mine) {
        boolean interrupted = false;
        while (!mine.done) {
            // A checkpoint's copy or close waiting for the lock goes first: it wakes the next leader when done.
            if (!leading.hasQueuedThreads() && leading.tryLock()) {
                try {
                    if (!mine.done) {
                        lead();
                    }
                } finally {
                    unlockAndWakeNext();
                }
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure instanceof Error error) {
            throw error;
        }
        if (mine.failure != null) {
            throw (RuntimeException) mine.failure;
        }
        return mine.result;
    }

    /** Commits every mutation queued; holds {@link #leading}. */
    private void lead() {
        List<Mutation> group = new ArrayList<>();
        for (Mutation next; (next = queue.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        Throwable escaped = null;
        try {
            committer.commit(group);
        } catch (RuntimeException | Error e) {
            escaped = e;
        }
        for (Mutation mutation : group) {
            if (!mutation.done) {
                mutation.fail(escaped != null ? escaped
                        : new IllegalStateException("the committer left a mutation unsettled"));
            }
        }
    }

    /**
     * Lets go of the lead lock and wakes the writer at the head of the queue, who leads next. A writer that queued
     * after this looks finds the lead free itself.
     */
    void unlockAndWakeNext() {
        leading.unlock();
        Mutation head = queue.peek();
        if (head != null && head.writer != Thread.currentThread()) {
            LockSupport.unpark(head.writer);
        }
    }

    private void settled() {
        inFlight.decrementAndGet();
    }
}
