package dev.jwal.storage;

import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.ExclusiveFileLock;

import java.nio.file.Path;

/**
 * The lock of a snapshot directory, held by one storage for its lifetime: an {@link ExclusiveFileLock} on
 * {@value #FILE_NAME}, so one storage in any process owns the directory. Not thread safe; owned by one
 * storage.
 */
final class SnapshotDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "snapshots.lock";

    private final ExclusiveFileLock lock;

    private SnapshotDirectoryLock(ExclusiveFileLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing directory without waiting.
     *
     * @throws SnapshotDirectoryLockedException if another storage, in this process or another, holds it
     * @throws WalIOException                   if the lock file cannot be created or locked
     */
    static SnapshotDirectoryLock acquire(Path directory) {
        return new SnapshotDirectoryLock(ExclusiveFileLock.acquire(directory, FILE_NAME,
                holder -> new SnapshotDirectoryLockedException(directory, holder)));
    }

    /** Releases the lock; idempotent. */
    @Override
    public void close() {
        lock.close();
    }
}
