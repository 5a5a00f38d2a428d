package dev.jwal.storage;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.EntryRejectedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Every access of a {@link WalStorage} to its inner store, and the storage's state. A mutation is checked and
 * handed to the log under the mutation lock, against the state the mutations logged before it leave (applied
 * or not yet: a {@link StagedState} of those still in flight over the store), so records reach the log in the
 * order they were checked in. While other writers wait for the lock or mutations are still in flight, the
 * record is appended asynchronously and the lock released at once, so concurrent mutations wait for their
 * forces together (one force for many under every-write); a writer alone appends and waits under the lock,
 * as the log's own {@code append} does. Each mutation then applies in its turn ({@link ApplyQueue}), in LSN
 * order, once its record is durable as the sync policy says, on the thread of whichever writer gets there
 * first. Applying takes the write side of the visibility
 * lock and reads its read side, so no read sees a transaction half applied; a checkpoint copies the store
 * under the mutation lock once every mutation in flight has applied. Keeps the first failure that may have made
 * the store differ from its log (after which every access throws {@link StorageFailedException}, mutations
 * in flight included) and whether the storage is closed.
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
    private final ApplyQueue applies = new ApplyQueue(this::applyLogged);
    /** The store as every mutation handed to the log leaves it; guarded by the mutation lock. */
    private StagedState logged;
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
     * Whether a log notification now must wait for the end of a mutation: the calling thread is inside one (or
     * a checkpoint's copy), or mutations are in flight, whose threads act on it when they end.
     */
    boolean mutating() {
        return mutationLock.isHeldByCurrentThread() || !applies.idle();
    }

    /**
     * Checks, logs and applies {@code entries}: checked and handed to the log under the mutation lock, applied
     * in LSN order once durable.
     *
     * @return what applying returned (vectors deleted)
     */
    int commit(List<WalEntry> entries, boolean asTransaction) {
        ApplyQueue.Pending pending;
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
            CompletableFuture<Long> durable = append(effective, asTransaction);
            for (WalEntry entry : effective) {
                state.stage(entry); // cannot fail: the same entries passed the same checks just now
            }
            pending = applies.add(effective, durable);
        } finally {
            mutationLock.unlock();
        }
        return applies.await(pending);
    }

    /**
     * Applies a logged mutation in its turn, on whichever writer's thread applies the queue's head: its
     * append failed (the storage fails: it is unknown whether the log holds it), or a mutation before it
     * failed the storage, or it applies.
     */
    private int applyLogged(List<WalEntry> entries, CompletableFuture<Long> durable) {
        if (durable != null && durable.isCompletedExceptionally()) {
            Throwable failure = appendFailure(durable);
            failedAppend(failure);
            if (failure instanceof Error error) {
                throw error;
            }
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(failure.getMessage(), failure);
        }
        ensureUsable(); // a mutation logged before this one failed: the store may differ from the log
        return apply(entries);
    }

    /** The state the mutations handed to the log leave; a fresh view of the store when none is in flight. */
    private StagedState loggedState() {
        if (logged != null && !applies.idle() && logged.size() > MAX_IN_FLIGHT_STATE) {
            applies.awaitIdle(); // bounds its memory: writers wait for the mutations in flight to apply
        }
        if (logged == null || applies.idle()) {
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

    /**
     * Hands {@code entries} to the log: a transaction, or a writer alone, appends and waits for durability here
     * (returns null); a mutation among others is appended asynchronously (returns the future of its durability),
     * so that its force is shared. An entry the log refuses before writing leaves the storage as it was; any
     * other failure leaves it unknown whether the log holds them (an interrupted wait for a force, a failed or
     * closed log, anything unexpected), so the storage fails: applying them or not could each differ from what
     * a reopen replays.
     */
    private CompletableFuture<Long> append(List<WalEntry> entries, boolean asTransaction) {
        try {
            if (asTransaction && entries.size() > 1) {
                log.appendTransaction(nextTxnId++, entries);
                return null;
            }
            if (mutationLock.hasQueuedThreads() || !applies.idle()) {
                return log.appendAsync(entries.get(0));
            }
            log.append(entries.get(0));
            return null;
        } catch (EntryRejectedException refusedBeforeWriting) {
            throw refusedBeforeWriting;
        } catch (RuntimeException | Error e) {
            failedAppend(e);
            throw e;
        }
    }

    /** Why a completed append failed. */
    private static Throwable appendFailure(CompletableFuture<Long> durable) {
        try {
            durable.join();
            throw new IllegalStateException("the append did not fail");
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (CancellationException e) {
            return e;
        }
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
            applies.awaitIdle();
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
            applies.awaitIdle();
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
