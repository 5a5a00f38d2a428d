package dev.jwal.core.segment;

import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a log directory, held through an OS file lock on
 * {@value #FILE_NAME}, so that one writer at a time, in any process, owns it.
 * The OS releases it if the process dies. Not thread safe; owned by one log.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = "wal.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws WalLockedException if another writer holds it
     * @throws WalIOException     if the lock file cannot be created (e.g. the directory is not writable)
     */
    public static DirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WalIOException("creating the lock file (is the directory writable?)", file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new WalLockedException(directory, "process");
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietlyAfterFailure(channel, e);
            throw new WalLockedException(directory, "log in this process");
        } catch (WalLockedException e) {
            closeQuietlyAfterFailure(channel, e);
            throw e;
        } catch (IOException e) {
            closeQuietlyAfterFailure(channel, e);
            throw new WalIOException("locking", file, e);
        }
    }

    private static void closeQuietlyAfterFailure(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException closeFailure) {
            primary.addSuppressed(closeFailure);
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
