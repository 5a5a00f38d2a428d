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
 * Every access of a {@link WalStorage} to its inner store, and the storage's state: a mutation is checked,
 * logged and applied under the mutation lock, so mutations apply in LSN order; applying takes the write side
 * of the visibility lock and reads its read side, so no read sees a transaction half applied; a checkpoint
 * copies the store under the mutation lock. Keeps the first failure that may have made the store differ from
 * its log (after which every access throws {@link StorageFailedException}) and whether the storage is closed.
 *
 * <p>Lock order: the mutation lock, then the visibility lock; a reader takes only the visibility lock.
 */
final class StoreAccess {
    private static final String APPLY_FAILED = "the inner store failed to apply a mutation that is already in the "
            + "log, so the store no longer matches it; reopen the storage to rebuild it from the log";

    private final WriteAheadLog log;
    private final VectorStorage inner;
    private final String directory;
    /** Held across check, append and apply of every mutation, and while a checkpoint copies the store. */
    private final ReentrantLock mutationLock = new ReentrantLock();
    /** Write side held while mutations are applied to the inner store, read side by readers. */
    private final ReadWriteLock visibility = new ReentrantReadWriteLock();
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

    /** Whether the calling thread is inside a mutation (or a checkpoint's copy). */
    boolean mutating() {
        return mutationLock.isHeldByCurrentThread();
    }

    /**
     * Checks, logs and applies {@code entries} under the mutation lock.
     *
     * @return what applying returned (vectors deleted)
     */
    int commit(List<WalEntry> entries, boolean asTransaction) {
        mutationLock.lock();
        try {
            ensureUsable();
            StagedState.checkAll(inner, entries);
            List<WalEntry> effective = new ArrayList<>(entries.size());
            for (WalEntry entry : entries) {
                if (!changesNothing(entry)) {
                    effective.add(entry);
                }
            }
            if (effective.isEmpty()) {
                return 0;
            }
            append(effective, asTransaction);
            return apply(effective);
        } finally {
            mutationLock.unlock();
        }
    }

    private static boolean changesNothing(WalEntry entry) {
        return entry instanceof WalEntry.Upsert upsert && upsert.vectors().isEmpty()
                || entry instanceof WalEntry.Delete delete && delete.ids().isEmpty();
    }

    /**
     * Logs {@code entries}. An entry the log refuses before writing leaves the storage as it was; any other
     * failure leaves it unknown whether the log holds them (an interrupted wait for a force, a failed or
     * closed log, anything unexpected), so the storage fails: applying them or not could each differ from
     * what a reopen replays.
     */
    private void append(List<WalEntry> entries, boolean asTransaction) {
        try {
            if (asTransaction && entries.size() > 1) {
                log.appendTransaction(nextTxnId++, entries);
            } else {
                log.append(entries.get(0));
            }
        } catch (EntryRejectedException refusedBeforeWriting) {
            throw refusedBeforeWriting;
        } catch (RuntimeException | Error e) {
            fail("appending a mutation failed (" + e + ") without saying whether the log holds it, so the store may "
                    + "differ from the log; reopen the storage to rebuild it from the log", e);
            throw e;
        }
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

    /** Copies the inner store while no mutation runs, with the LSN the copy reaches. */
    StoreImage capture() {
        mutationLock.lock();
        try {
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

    /** Marks the storage closed once a mutation or checkpoint copy in progress ended; false if it already was. */
    boolean close() {
        mutationLock.lock();
        try {
            if (closed) {
                return false;
            }
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
