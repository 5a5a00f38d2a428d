package dev.jwal.core.segment;

import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a log directory, held through an OS file lock on
 * {@value #FILE_NAME}, so that one writer at a time, in any process, owns it.
 * The OS releases it if the process dies.
 *
 * <p>POSIX locks belong to the process and are dropped when <em>any</em> of its
 * channels on the file closes, so a second opener in the same JVM must never
 * open the lock file at all: directories locked by this JVM are kept in a
 * registry that is checked first. The lock file is opened without following a
 * link. Not thread safe; owned by one log.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = "wal.lock";
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private boolean closed;

    private DirectoryLock(Path key, FileChannel channel) {
        this.key = key;
        this.channel = channel;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws WalLockedException if another writer, in this process or another, holds it
     * @throws WalIOException     if the lock file cannot be created (e.g. the directory is not writable, or
     *                            {@value #FILE_NAME} is a link)
     */
    public static DirectoryLock acquire(Path directory) {
        Path key = registryKey(directory);
        if (!HELD_IN_THIS_JVM.add(key)) {
            throw new WalLockedException(directory, "log in this process");
        }
        try {
            return lock(directory, key);
        } catch (RuntimeException | Error e) {
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    private static Path registryKey(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new WalIOException("resolving the log directory", directory, e);
        }
    }

    private static DirectoryLock lock(Path directory, Path key) {
        Path file = directory.resolve(FILE_NAME);
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                FileChannel channel = open(file);
                try {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        closeAfterFailure(channel, null);
                        throw new WalLockedException(directory, "process");
                    }
                    return new DirectoryLock(key, channel);
                } catch (ClosedByInterruptException e) {
                    // The interrupt closed the channel, and with it any lock taken: try again.
                    Thread.interrupted();
                    interrupted = true;
                } catch (IOException e) {
                    WalIOException failure = new WalIOException("locking", file, e);
                    closeAfterFailure(channel, failure);
                    throw failure;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new WalIOException("creating the lock file (is the directory writable, and the lock file a "
                    + "regular file, not a link?)", file, e);
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException closeFailure) {
            if (primary != null) {
                primary.addSuppressed(closeFailure);
            }
        }
    }

    /**
     * Releases the lock, by closing its channel (which an interrupt cannot abort, unlike
     * {@link FileLock#release()}); idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            HELD_IN_THIS_JVM.remove(key);
        }
    }
}
