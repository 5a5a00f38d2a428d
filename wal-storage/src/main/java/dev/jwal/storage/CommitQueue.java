package dev.jwal.storage;

import dev.jwal.api.WalEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a storage: mutations checked and staged (in that order, by one thread at a time), waiting
 * to be logged and applied. One waiting writer at a time leads: it takes every mutation queued, hands the
 * group to the {@link Committer} (which logs it with as few appends as it can, so one force makes the whole
 * group durable under every-write, and applies it in order), settles each mutation and wakes its writer; the
 * others park until their mutation is settled or the leader, done, wakes the writer at the head of the queue
 * to lead the next group. So a group is logged while the next one gathers, each writer parks and wakes once,
 * and no thread other than the writers' ever runs. Waits here do not give up on an interrupt (the thread's
 * interrupt status is kept): the mutations ahead are logged and applied whatever one writer does. Thread
 * safe; {@link #add} is called by one thread at a time, in the order the mutations were checked.
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

    /** A mutation between its check and its apply. */
    static final class Mutation {
        final List<WalEntry> entries;
        /** Whether its entries are logged as one transaction. */
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
    /** Held by the writer leading a group. */
    private final ReentrantLock leading = new ReentrantLock();
    /** Mutations added and not yet settled. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Notified when no mutation is in flight, for {@link #awaitIdle()}. */
    private final Object idle = new Object();

    CommitQueue(Committer committer) {
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
            if (leading.tryLock()) {
                try {
                    if (!mine.done) {
                        lead();
                    }
                } finally {
                    leading.unlock();
                }
                wakeNextLeader();
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
     * After a leader let go: wakes the writer at the head of the queue, who leads next. A writer that queued
     * after this looks finds the lead free itself.
     */
    private void wakeNextLeader() {
        Mutation head = queue.peek();
        if (head != null && head.writer != Thread.currentThread()) {
            LockSupport.unpark(head.writer);
        }
    }

    private void settled() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Waits until no mutation is in flight. Called under the lock that {@link #add} is called under, so none
     * is added meanwhile; the writers of those in flight lead their groups without it.
     */
    void awaitIdle() {
        boolean interrupted = false;
        synchronized (idle) {
            while (inFlight.get() != 0) {
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
