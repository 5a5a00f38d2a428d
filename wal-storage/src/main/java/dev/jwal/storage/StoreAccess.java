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
 * Every access of a {@link WalStorage} to its inner store, and the storage's state. A mutation is queued
 * without a lock; one writer at a time, holding the mutation lock, leads a group commit ({@link CommitQueue}):
 * it takes every mutation queued, checks each in order against the store as those accepted before it leave it
 * (a {@link StagedState} over the store: a refused one fails alone, writing nothing), logs the accepted ones
 * with one append per run of mutations (one force for the group under every-write), applies them in LSN order
 * and wakes their writers, while the next group gathers. An entry the log refuses refuses its batch before
 * anything is written; it fails alone, and the mutations of the group checked against a state that held it
 * are checked again and logged one by one. Applying takes the write side of the visibility lock and reads its
 * read side, so no read sees a transaction half applied; a checkpoint copies the store under the mutation
 * lock, so between two groups. Keeps the first failure that may have made the store differ from its log
 * (after which every access throws {@link StorageFailedException}, mutations in flight included) and whether
 * the storage is closed.
 *
 * <p>Lock order: the mutation lock, then the visibility lock; a reader and an applying mutation take only the
 * visibility lock.
 */
final class StoreAccess {
    private static final String APPLY_FAILED = "the inner store failed to apply a mutation that is already in the "
            + "log, so the store no longer matches it; reopen the storage to rebuild it from the log";

    private final WriteAheadLog log;
    private final VectorStorage inner;
    private final String directory;
    /**
     * Held by the writer committing a group (checking, logging and applying it), while a checkpoint copies the
     * store, and while the storage closes.
     */
    private final ReentrantLock mutationLock = new ReentrantLock();
    /** Write side held while mutations are applied to the inner store, read side by readers and checks. */
    private final ReadWriteLock visibility = new ReentrantReadWriteLock();
    private final CommitQueue commits = new CommitQueue(mutationLock, this::commitGroup);
    /** Guarded by the mutation lock. */
    private long nextTxnId;
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
     * Whether a log notification now must wait for the end of a mutation: the calling thread commits a group (or
     * copies the store for a checkpoint), or mutations are queued, whose threads act on it when they end.
     */
    boolean mutating() {
        return mutationLock.isHeldByCurrentThread() || !commits.idle();
    }

    /**
     * Checks, logs and applies {@code entries}: queued, then checked, logged and applied in a group with the
     * mutations queued beside it, by whichever of their writers leads ({@link #commitGroup}).
     *
     * @return what applying returned (vectors deleted)
     */
    int commit(List<WalEntry> entries, boolean asTransaction) {
        ensureUsable();
        return commits.await(commits.add(entries, asTransaction));
    }

    /** A mutation of a group that passed its checks: the entries to log (those that change something). */
    private record Accepted(CommitQueue.Mutation mutation, List<WalEntry> entries, boolean transaction) {
    }

    /**
     * Checks, logs and applies a group of mutations in order, on the thread of the writer leading it, holding
     * the mutation lock: each is checked against the store as the ones accepted before it leave it (one refused
     * fails alone, writing nothing); then each run of accepted single-entry mutations is logged with one
     * {@code appendBatch} (one force for the run under every-write), each transaction with its own
     * {@code appendTransaction}, and each run applied once it is logged. An entry the log refuses refuses its
     * whole batch before anything is written; as the mutations after it were checked against a state that held
     * it, from there on each is checked again against the store and logged alone ({@link #commitAlone}): the
     * refused one fails with the refusal, the others as they would have without it. A failed append fails the
     * storage: its mutations fail with the failure, and those after it with {@link StorageFailedException},
     * unwritten.
     */
    private void commitGroup(List<CommitQueue.Mutation> group) {
        List<Accepted> accepted = check(group);
        int from = 0;
        boolean alone = false;
        while (from < accepted.size()) {
            if (alone) {
                commitAlone(accepted.get(from++));
                continue;
            }
            int to = runEnd(accepted, from);
            try {
                ensureUsable();
                appendRun(accepted, from, to);
            } catch (EntryRejectedException refused) {
                alone = true; // nothing of the run was written: commit it again, one by one
                continue;
            } catch (RuntimeException | Error e) {
                if (!(e instanceof StorageException)) {
                    failedAppend(e);
                }
                for (int i = from; i < to; i++) {
                    accepted.get(i).mutation().fail(e);
                }
                from = to;
                continue;
            }
            for (int i = from; i < to; i++) {
                applyLogged(accepted.get(i));
            }
            from = to;
        }
    }

    /**
     * Checks the group's mutations in order against the store as those accepted before each leave it; settles
     * the refused ones (and those that change nothing), and returns the others.
     */
    private List<Accepted> check(List<CommitQueue.Mutation> group) {
        List<Accepted> accepted = new ArrayList<>(group.size());
        StagedState state = new StagedState(StoreView.of(inner));
        for (CommitQueue.Mutation mutation : group) {
            try {
                ensureUsable();
                check(state, mutation.entries);
            } catch (RuntimeException | Error e) {
                mutation.fail(e);
                continue;
            }
            List<WalEntry> effective = new ArrayList<>(mutation.entries.size());
            for (WalEntry entry : mutation.entries) {
                if (!changesNothing(entry)) {
                    effective.add(entry);
                }
            }
            if (effective.isEmpty()) {
                mutation.succeed(0);
                continue;
            }
            for (WalEntry entry : effective) {
                state.stage(entry); // cannot fail: the same entries passed the same checks just now
            }
            accepted.add(new Accepted(mutation, effective, mutation.transaction && effective.size() > 1));
        }
        return accepted;
    }

    /** The end of the run that starts at {@code from}: a transaction alone, or the single entries that follow. */
    private static int runEnd(List<Accepted> accepted, int from) {
        if (accepted.get(from).transaction()) {
            return from + 1;
        }
        int to = from + 1;
        while (to < accepted.size() && !accepted.get(to).transaction()) {
            to++;
        }
        return to;
    }

    /** Logs the accepted mutations {@code from} to {@code to} (exclusive), as one batch or one transaction. */
    private void appendRun(List<Accepted> accepted, int from, int to) {
        Accepted first = accepted.get(from);
        if (first.transaction()) {
            log.appendTransaction(nextTxnId++, first.entries());
            return;
        }
        if (to - from == 1) {
            log.append(first.entries().get(0));
            return;
        }
        List<WalEntry> entries = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            entries.addAll(accepted.get(i).entries());
        }
        log.appendBatch(entries);
    }

    /**
     * Checks a mutation again against the store (every mutation logged before it is applied), logs it alone and
     * applies it: after a refusal, for the mutations checked against a state that held the refused entry.
     */
    private void commitAlone(Accepted mutation) {
        try {
            ensureUsable();
            check(new StagedState(StoreView.of(inner)), mutation.entries());
            appendAlone(mutation);
        } catch (RuntimeException | Error e) {
            mutation.mutation().fail(e);
            return;
        }
        applyLogged(mutation);
    }

    /** Appends one mutation; a refusal leaves the storage as it was, any other failure fails it. */
    private void appendAlone(Accepted mutation) {
        try {
            if (mutation.transaction()) {
                log.appendTransaction(nextTxnId++, mutation.entries());
            } else {
                log.append(mutation.entries().get(0));
            }
        } catch (EntryRejectedException refusedBeforeWriting) {
            throw refusedBeforeWriting;
        } catch (RuntimeException | Error e) {
            failedAppend(e);
            throw e;
        }
    }

    /** Applies a logged mutation and settles it, unless a mutation before it failed the storage. */
    private void applyLogged(Accepted mutation) {
        try {
            ensureUsable(); // a mutation logged before this one failed: the store may differ from the log
            mutation.mutation().succeed(apply(mutation.entries()));
        } catch (RuntimeException | Error e) {
            mutation.mutation().fail(e);
        }
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
        mutationLock.lock(); // no group is being committed: the store holds every mutation logged
        try {
            ensureUsable();
            return StoreImage.copyOf(inner, log.nextLsn());
        } finally {
            commits.unlockAndWakeNext();
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

    /**
     * Marks the storage closed once the group being committed and a checkpoint copy in progress ended; false if
     * it already was. Mutations still queued then fail with {@link StorageClosedException}, unwritten.
     */
    boolean close() {
        mutationLock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        } finally {
            commits.unlockAndWakeNext();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
