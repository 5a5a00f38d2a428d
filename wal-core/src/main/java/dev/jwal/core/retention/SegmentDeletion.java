package dev.jwal.core.retention;

import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.SideFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Deletes whole segments of one log, oldest first, each with the side files derived from it
 * ({@link SideFiles#derivedFrom}; kept copies of cut bytes stay), then forces the directory once. Truncation
 * and retention both delete through it, one at a time: the choice of what to delete and the deletion happen
 * under one lock, so neither deletes a segment the other already chose. Thread safe.
 */
public final class SegmentDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentDeletion.class);

    private final LogFileSystem fs;
    private final Path directory;
    private final ReentrantLock lock = new ReentrantLock();

    public SegmentDeletion(LogFileSystem fs, Path directory) {
        this.fs = fs;
        this.directory = directory;
    }

    /**
     * Deletes the segments {@code choose} names (in order, oldest first), asked under this deletion's lock.
     *
     * @param why for the log line, e.g. "truncated before LSN 12"
     * @return the segments deleted
     * @throws WalIOException if a file cannot be deleted or the directory forced; the segments before it are
     *                        deleted (and the directory forced as far as it can be)
     */
    public List<SegmentFile> delete(Supplier<List<SegmentFile>> choose, String why) {
        lock.lock();
        try {
            List<SegmentFile> chosen = choose.get();
            if (chosen.isEmpty()) {
                return chosen;
            }
            try {
                for (SegmentFile segment : chosen) {
                    deleteWithDerivedFiles(segment, why);
                }
            } finally {
                forceDirectory();
            }
            LOG.info("deleted {} segment(s) of {}, {} to {}: {}", chosen.size(), directory, chosen.get(0).fileName(),
                    chosen.get(chosen.size() - 1).fileName(), why);
            return chosen;
        } finally {
            lock.unlock();
        }
    }

    /** Derived files first: a crash between leaves a segment without its index (rebuilt), never the reverse. */
    private void deleteWithDerivedFiles(SegmentFile segment, String why) {
        try {
            for (Path derived : SideFiles.derivedFrom(segment)) {
                fs.delete(derived);
            }
        } catch (IOException e) {
            throw new WalIOException("deleting the side files of a segment (" + why + ")", segment.path(), e);
        }
        try {
            fs.delete(segment.path());
        } catch (IOException e) {
            throw new WalIOException("deleting a segment (" + why + ")", segment.path(), e);
        }
    }

    private void forceDirectory() {
        try {
            fs.forceDirectory(directory);
        } catch (IOException e) {
            throw new WalIOException("forcing the directory after deleting segments", directory, e);
        }
    }
}
