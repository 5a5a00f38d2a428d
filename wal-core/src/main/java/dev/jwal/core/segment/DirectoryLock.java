package dev.jwal.core.segment;

import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.io.ExclusiveFileLock;

import java.nio.file.Path;

/**
 * The lock of a log directory: an {@link ExclusiveFileLock} on {@value #FILE_NAME}, so that one writer at a
 * time, in any process, owns the log. Not thread safe; owned by one log.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = "wal.lock";

    private final ExclusiveFileLock lock;

    private DirectoryLock(ExclusiveFileLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws WalLockedException if another writer, in this process or another, holds it
     * @throws WalIOException     if the lock file cannot be created (e.g. the directory is not writable, or
     *                            {@value #FILE_NAME} is a link)
     */
    public static DirectoryLock acquire(Path directory) {
        return new DirectoryLock(ExclusiveFileLock.acquire(directory, FILE_NAME,
                holder -> new WalLockedException(directory, holder)));
    }

    /** Releases the lock; idempotent. */
    @Override
    public void close() {
        lock.close();
    }
}
