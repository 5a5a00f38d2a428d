package dev.jwal.core.write;

import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first failed write or force of a log. After it the bytes on disk are unknown, so every later call is
 * refused with {@link WalFailedException} until the log is reopened (recovery then reads what is there).
 * Thread safe.
 */
final class WriterFailure {
    private static final Logger LOG = LoggerFactory.getLogger(WriterFailure.class);

    private final Path directory;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    WriterFailure(Path directory) {
        this.directory = directory;
    }

    /** Records the failure of {@code operation} on {@code path}, if it is the first, and returns it to throw. */
    WalIOException fail(String operation, Path path, IOException cause) {
        WalIOException error = new WalIOException(operation, path, cause);
        if (failure.compareAndSet(null, error)) {
            LOG.error("the log in {} failed and refuses appends until it is reopened", directory, error);
        }
        return error;
    }

    /** @throws WalFailedException if a write or force has failed */
    void throwIfFailed() {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new WalFailedException("the log in " + directory + " failed earlier (" + cause.getMessage()
                    + "); close and reopen it to recover", cause);
        }
    }

    boolean failed() {
        return failure.get() != null;
    }
}
