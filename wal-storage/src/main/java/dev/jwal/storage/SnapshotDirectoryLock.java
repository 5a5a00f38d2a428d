package dev.jwal.storage;

import dev.jwal.api.error.WalIOException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a snapshot directory, held by one storage for its lifetime: an OS file lock on
 * {@value #FILE_NAME}, which the OS releases if the process dies, so one storage in any process owns it.
 *
 * <p>In Java, closing any channel of a file drops the process's lock on it. So a second storage of this
 * process must not even open the lock file another one holds: a process-wide registry of held lock files,
 * consulted before any channel is opened, refuses it first. Thread safe.
 */
final class SnapshotDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "snapshots.lock";
    /** The lock files this process holds, by real path. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SnapshotDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing directory without waiting.
     *
     * @throws SnapshotDirectoryLockedException if another storage, in this process or another, holds it
     * @throws WalIOException                   if the lock file cannot be created or locked
     */
    static SnapshotDirectoryLock acquire(Path directory) {
        Path file;
        try {
            file = directory.toRealPath().resolve(FILE_NAME);
        } catch (IOException e) {
            throw new WalIOException("resolving the snapshot directory to lock", directory, e);
        }
        if (!HELD.add(file)) {
            throw new SnapshotDirectoryLockedException(directory, "storage in this process");
        }
        try {
            return lock(directory, file);
        } catch (RuntimeException | Error e) {
            HELD.remove(file);
            throw e;
        }
    }

    /** Locks {@code file}, which no other storage of this process holds. */
    private static SnapshotDirectoryLock lock(Path directory, Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WalIOException("creating the snapshot directory's lock file (is it writable?)", file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new SnapshotDirectoryLockedException(directory, "process");
            }
            return new SnapshotDirectoryLock(file, channel, lock);
        } catch (SnapshotDirectoryLockedException e) {
            closeAfterFailure(channel, e);
            throw e;
        } catch (OverlappingFileLockException e) {
            // Locked in this process by something other than a storage: closing our channel would drop that lock.
            throw new SnapshotDirectoryLockedException(directory, "user of this process, outside any storage");
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw new WalIOException("locking the snapshot directory", file, e);
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException closeFailure) {
            primary.addSuppressed(closeFailure);
        }
    }

    /**
     * Releases the lock.
     *
     * @throws WalIOException if the OS refuses to release it; the registry forgets it anyway
     */
    @Override
    public void close() {
        try {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            throw new WalIOException("releasing the snapshot directory's lock", file, e);
        } finally {
            HELD.remove(file);
        }
    }
}
