package dev.jwal.api;

import java.util.Iterator;

/**
 * A forward-only stream of log records that holds open files until closed.
 * Memory use does not grow with the size of the log.
 *
 * <p>Not thread safe. {@link #hasNext()} and {@link #next()} throw
 * {@link dev.jwal.api.error.WalException} subclasses on I/O failure or
 * corruption (depending on the recovery mode); use it in try-with-resources.
 */
public interface RecordCursor extends Iterator<LogRecord>, AutoCloseable {

    /** Releases the files this cursor holds; idempotent. */
    @Override
    void close();
}
