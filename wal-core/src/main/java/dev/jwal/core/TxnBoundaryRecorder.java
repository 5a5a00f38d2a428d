package dev.jwal.core;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.TxnBoundaryFile;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Stores a {@link TxnBoundaryFile} each time the writer starts a segment and when
 * the log closes, once {@link #enable enabled}: only after opening has rolled back
 * the transactions a dead writer left open is it true that none is open there.
 * A transaction written by {@code appendTransaction} is one batch, never split
 * across segments; a transaction marker appended on its own may leave one open
 * across segments, so the first such marker {@link #stop() stops} the recorder
 * for the rest of the session. Thread safe.
 */
final class TxnBoundaryRecorder implements LongConsumer {
    private final LogFileSystem fs;
    private final Path directory;
    private volatile boolean enabled;
    private volatile boolean stopped;
    private volatile long lastStored = -1;

    TxnBoundaryRecorder(LogFileSystem fs, Path directory) {
        this.fs = fs;
        this.directory = directory;
    }

    /** Opening stored (or found) the boundary {@code lsn}; from now on every started segment is one. */
    void enable(long lsn) {
        lastStored = lsn;
        enabled = true;
    }

    @Override
    public void accept(long firstLsnOfSegment) {
        store(firstLsnOfSegment);
    }

    /** No boundary is stored any more: call before a transaction marker appended on its own is written. */
    void stop() {
        stopped = true;
    }

    /** Stores {@code lsn} unless it is the boundary stored last. */
    void store(long lsn) {
        if (enabled && !stopped && lsn != lastStored) {
            TxnBoundaryFile.writeOrWarn(fs, directory, lsn);
            lastStored = lsn;
        }
    }
}
