package dev.jwal.storage;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.EntryRejectedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Every access of a {@link WalStorage} to its inner store, and the storage's state. A mutation is checked under
 * the mutation lock against the state the mutations checked before it leave (applied or not yet: a
 * {@link StagedState} of those still in flight over the store), staged on it and queued; then one writer at a
 * time leads a group commit ({@link CommitQueue}): it logs every mutation queued, in the order they were
 * checked, with one append per run of mutations (one force for the group under every-write), applies them in
 * LSN order and wakes their writers, while the next group gathers. An entry the log refuses refuses its batch
 * before anything is written; it fails alone, and the mutations checked against a state that held it are
 * checked again and logged one by one. Applying takes the write side of the visibility lock and reads its
 * read side, so no read sees a transaction half applied; a checkpoint copies the store under the mutation
 * lock once every mutation in flight has applied. Keeps the first failure that may have made the store differ
 * from its log (after which every access throws {@link StorageFailedException}, mutations in flight included)
 * and whether the storage is closed.
 *
 * <p>Lock order: the mutation lock, then the visibility lock; a reader and an applying mutation take only the
 * visibility lock.
 */
final class StoreAccess {
    private static final String APPLY_FAILED = "the inner store failed to apply a mutation that is already in the "
            + "log, so the store no longer matches it; reopen the storage to rebuild it from the log";
    /** Namespaces and ids the state of mutations in flight may hold before writers wait for them to apply. */
    private static final int MAX_IN_FLIGHT_STATE = 100_000;

    private final WriteAheadLog log;
    private final VectorStorage inner;
    private final String directory;
    /** Held while a mutation is checked and handed to the log, and while a checkpoint copies the store. */
    private final ReentrantLock mutationLock = new ReentrantLock();
    /** Write side held while mutations are applied to the inner store, read side by readers and checks. */
    private final ReadWriteLock visibility = new ReentrantReadWriteLock();
    private final CommitQueue commits = new CommitQueue(this::commitGroup);
    /** The store as every mutation handed to the log leaves it; guarded by the mutation lock. */
    private StagedState logged;
    /** Guarded by leading a group ({@link CommitQueue}). */
    private long nextTxnId;
    /**
     * Set by a leader when the log refused an entry that mutations staged after it were checked with; until no
     * mutation is in flight, leaders check each again and log it alone. Cleared under the mutation lock.
     */
    private volatile boolean refusedMeanwhile;
    /** The first failure that made the store possibly differ from its log; null while it matches. */
    private final AtomicReference<StorageFailedException> failure = new AtomicReference<>();
    private volatile boolean closed;

    StoreAccess(WriteAheadLog log, VectorStorage inner, String directory) {
        this.log = log;
        this.inner = inner;
        this.directory = directory;
        this.nextTxnId = log.nextLsn();
    }

    /**
     * Whether a log notification now must wait for the end of a mutation: the calling thread is inside one (or
     * a checkpoint's copy), or mutations are in flight, whose threads act on it when they end.
     */
    boolean mutating() {
        return mutationLock.isHeldByCurrentThread() || !commits.idle();
    }

    /**
     * Checks, logs and applies {@code entries}: checked and staged under the mutation lock, then logged in a
     * group with the mutations queued beside it and applied in LSN order ({@link #commitGroup}).
     *
     * @return what applying returned (vectors deleted)
     */
    int commit(List<WalEntry> entries, boolean asTransaction) {
        CommitQueue.Mutation mutation;
        mutationLock.lock();
        try {
            ensureUsable();
            StagedState state = loggedState();
            check(state, entries);
            List<WalEntry> effective = new ArrayList<>(entries.size());
            for (WalEntry entry : entries) {
                if (!changesNothing(entry)) {
                    effective.add(entry);
                }
            }
            if (effective.isEmpty()) {
                return 0;
            }
            for (WalEntry entry : effective) {
                state.stage(entry); // cannot fail: the same entries passed the same checks just now
            }
            mutation = commits.add(effective, asTransaction && effective.size() > 1);
        } finally {
            mutationLock.unlock();
        }
        return commits.await(mutation);
    }

    /**
     * Logs and applies a group of staged mutations in order, on the thread of the writer leading it: each run of
     * single-entry mutations with one {@code appendBatch} (one force for the run under every-write), each
     * transaction with its own {@code appendTransaction}, each run applied once it is logged. An entry the log
     * refuses refuses its whole batch before anything is written; the mutations staged after it were checked
     * against a state that held it, so from then on, until no mutation is in flight, each is checked again
     * against the store and logged alone ({@link #commitAlone}): the refused one fails with the refusal, the
     * others as they would have without it. A failed append fails the storage: its mutations fail with the
     * failure, and those after it with {@link StorageFailedException}, unwritten.
     */
    private void commitGroup(List<CommitQueue.Mutation> group) {
        int from = 0;
        while (from < group.size()) {
            if (refusedMeanwhile) {
                commitAlone(group.get(from++));
                continue;
            }
            int to = runEnd(group, from);
            try {
                ensureUsable();
                appendRun(group, from, to);
            } catch (EntryRejectedException refused) {
                refusedMeanwhile = true; // nothing of the run was written: commit it again, one by one
                continue;
            } catch (RuntimeException | Error e) {
                if (!(e instanceof StorageException)) {
                    failedAppend(e);
                }
                for (int i = from; i < to; i++) {
                    group.get(i).fail(e);
                }
                from = to;
                continue;
            }
            for (int i = from; i < to; i++) {
                applyLogged(group.get(i));
            }
            from = to;
        }
    }

    /** The end of the run that starts at {@code from}: a transaction alone, or the single entries that follow. */
    private static int runEnd(List<CommitQueue.Mutation> group, int from) {
        if (group.get(from).transaction) {
            return from + 1;
        }
        int to = from + 1;
        while (to < group.size() && !group.get(to).transaction) {
            to++;
        }
        return to;
    }

    /** Logs the mutations {@code from} to {@code to} (exclusive) of {@code group}, as one batch or one transaction. */
    private void appendRun(List<CommitQueue.Mutation> group, int from, int to) {
        CommitQueue.Mutation first = group.get(from);
        if (first.transaction) {
            log.appendTransaction(nextTxnId++, first.entries);
            return;
        }
        if (to - from == 1) {
            log.append(first.entries.get(0));
            return;
        }
        List<WalEntry> entries = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            entries.addAll(group.get(i).entries);
        }
        log.appendBatch(entries);
    }

    /**
     * Checks a mutation against the store (every mutation logged before it is applied), logs it alone and applies
     * it: after a refusal, for the mutations staged on a state that held the refused entry.
     */
    private void commitAlone(CommitQueue.Mutation mutation) {
        try {
            ensureUsable();
            check(new StagedState(StoreView.of(inner)), mutation.entries);
            appendAlone(mutation);
        } catch (RuntimeException | Error e) {
            mutation.fail(e);
            return;
        }
        applyLogged(mutation);
    }

    /** Appends one mutation; a refusal leaves the storage as it was, any other failure fails it. */
    private void appendAlone(CommitQueue.Mutation mutation) {
        try {
            if (mutation.transaction) {
                log.appendTransaction(nextTxnId++, mutation.entries);
            } else {
                log.append(mutation.entries.get(0));
            }
        } catch (EntryRejectedException refusedBeforeWriting) {
            throw refusedBeforeWriting;
        } catch (RuntimeException | Error e) {
            failedAppend(e);
            throw e;
        }
    }

    /** Applies a logged mutation and settles it, unless a mutation before it failed the storage. */
    private void applyLogged(CommitQueue.Mutation mutation) {
        try {
            ensureUsable(); // a mutation logged before this one failed: the store may differ from the log
            mutation.succeed(apply(mutation.entries));
        } catch (RuntimeException | Error e) {
            mutation.fail(e);
        }
    }

    /**
     * The state the mutations in flight leave; a fresh view of the store when none is in flight, or when some
     * were staged on a state that held a refused entry (then after those are committed).
     */
    private StagedState loggedState() {
        if (refusedMeanwhile) {
            commits.awaitIdle(); // those staged on the refused entry are checked again, one by one
            refusedMeanwhile = false;
            logged = null;
        }
        if (logged != null && !commits.idle() && logged.size() > MAX_IN_FLIGHT_STATE) {
            commits.awaitIdle(); // bounds its memory: writers wait for the mutations in flight to apply
        }
        if (logged == null || commits.idle()) {
            logged = new StagedState(StoreView.of(inner));
        }
        return logged;
    }

    /** Checks the entries against {@code state}, reading the store under the read lock (others may be applying). */
    private void check(StagedState state, List<WalEntry> entries) {
        visibility.readLock().lock();
        try {
            StagedState.checkAll(state, entries);
        } finally {
            visibility.readLock().unlock();
        }
    }

    private static boolean changesNothing(WalEntry entry) {
        return entry instanceof WalEntry.Upsert upsert && upsert.vectors().isEmpty()
                || entry instanceof WalEntry.Delete delete && delete.ids().isEmpty();
    }

    /** Fails the storage after an append that may or may not have written; returns the failure to throw. */
    private Throwable failedAppend(Throwable e) {
        fail("appending a mutation failed (" + e + ") without saying whether the log holds it, so the store may "
                + "differ from the log; reopen the storage to rebuild it from the log", e);
        return e;
    }

    /**
     * Applies logged entries. Whatever the inner store throws, errors included, fails the storage before
     * readers may look again: the log holds the entries, the store not (or only some of them).
     *
     * @throws StorageFailedException if the store threw an exception, which is its cause
     * @throws Error                  the store's error itself, after the storage failed
     */
    private int apply(List<WalEntry> entries) {
        visibility.writeLock().lock();
        try {
            int result = 0;
            for (WalEntry entry : entries) {
                result += EntryApplier.apply(inner, entry);
            }
            return result;
        } catch (RuntimeException e) {
            throw fail(APPLY_FAILED, e);
        } catch (Error e) {
            fail(APPLY_FAILED, e);
            throw e;
        } finally {
            visibility.writeLock().unlock();
        }
    }

    /** Fails the storage, keeping the first failure if it already failed, and returns the failure to throw. */
    private StorageFailedException fail(String message, Throwable cause) {
        failure.compareAndSet(null, new StorageFailedException(message, cause));
        return failure.get();
    }

    /** Copies the inner store while no mutation runs (those in flight applied first), with the LSN the copy reaches. */
    StoreImage capture() {
        mutationLock.lock();
        try {
            ensureUsable();
            commits.awaitIdle();
            ensureUsable();
            return StoreImage.copyOf(inner, log.nextLsn());
        } finally {
            mutationLock.unlock();
        }
    }

    /** Runs a read under the read lock; usability is checked there, so a failure mid-apply is seen. */
    <T> T read(Supplier<T> action) {
        visibility.readLock().lock();
        try {
            ensureUsable();
            return action.get();
        } finally {
            visibility.readLock().unlock();
        }
    }

    /**
     * @throws StorageClosedException after {@link #close()}
     * @throws StorageFailedException if the storage failed
     */
    void ensureUsable() {
        if (closed) {
            throw new StorageClosedException("the storage in " + directory + " is closed");
        }
        StorageFailedException failed = failure.get();
        if (failed != null) {
            throw new StorageFailedException(failed.getMessage(), failed.getCause());
        }
    }

    /** Marks the storage closed once the mutations in flight and a checkpoint copy in progress ended; false if it already was. */
    boolean close() {
        mutationLock.lock();
        try {
            if (closed) {
                return false;
            }
            commits.awaitIdle();
            closed = true;
            return true;
        } finally {
            mutationLock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
