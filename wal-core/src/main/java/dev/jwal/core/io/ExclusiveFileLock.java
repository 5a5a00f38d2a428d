package dev.jwal.core.io;

import dev.jwal.api.error.WalIOException;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An exclusive OS lock on a lock file in a directory, so that one owner at a time, in any process, works in
 * that directory; the OS releases it if the process dies. The log's directory lock and wal-storage's snapshot
 * directory lock are both one.
 *
 * <p>POSIX locks belong to the process and are dropped when <em>any</em> of its channels on the file closes.
 * So a second would-be owner in the same JVM must never open the lock file: the lock files this JVM holds are
 * kept in a registry that is checked first. A lock held in this JVM by code outside this class (an
 * {@link OverlappingFileLockException}) is refused without closing the channel that found it. The lock file
 * is never reached through a symbolic link, and an interrupt does not abort taking or releasing the lock.
 * Not thread safe; owned by one object.
 */
public final class ExclusiveFileLock implements AutoCloseable {
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private boolean closed;

    private ExclusiveFileLock(Path key, FileChannel channel) {
        this.key = key;
        this.channel = channel;
    }

    /**
     * Takes the lock on {@code directory/fileName} without waiting, creating the file if needed.
     *
     * @param locked makes the exception to throw when someone else holds it, from who that is ("process",
     *               "owner in this process")
     * @throws RuntimeException from {@code locked}, if another owner holds the lock
     * @throws WalIOException   if the directory cannot be resolved or the lock file cannot be created or locked
     *                          (not writable, or a link)
     */
    public static ExclusiveFileLock acquire(Path directory, String fileName,
                                            Function<String, ? extends RuntimeException> locked) {
        Path key;
        try {
            key = directory.toRealPath().resolve(fileName);
        } catch (IOException e) {
            throw new WalIOException("resolving the directory to lock", directory, e);
        }
        if (!HELD_IN_THIS_JVM.add(key)) {
            throw locked.apply("owner in this process");
        }
        try {
            return lock(key, locked);
        } catch (RuntimeException | Error e) {
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    private static ExclusiveFileLock lock(Path file, Function<String, ? extends RuntimeException> locked) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                FileChannel channel = open(file);
                try {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        closeAfterFailure(channel, null);
                        throw locked.apply("process");
                    }
                    return new ExclusiveFileLock(file, channel);
                } catch (ClosedByInterruptException e) {
                    // The interrupt closed the channel, and with it any lock taken: try again.
                    Thread.interrupted();
                    interrupted = true;
                } catch (OverlappingFileLockException e) {
                    // Held in this JVM outside this class: closing the channel would drop that lock. It stays open.
                    throw locked.apply("user of this process");
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
     * Releases the lock by closing its channel (which an interrupt cannot abort, unlike
     * {@link FileLock#release()}); idempotent.
     *
     * @throws WalIOException if closing fails; the lock is released all the same
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new WalIOException("releasing the lock", key, e);
        } finally {
            HELD_IN_THIS_JVM.remove(key);
        }
    }
}
