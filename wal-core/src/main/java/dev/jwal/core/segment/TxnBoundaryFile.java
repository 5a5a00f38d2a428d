package dev.jwal.core.segment;

import dev.jwal.core.io.LogFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A hint that makes opening a log cheap: an LSN at which no transaction was open
 * (every transaction begun before it was committed or rolled back before it), so
 * opening looks for transactions a dead writer left open only from there, not
 * from the last checkpoint. One line, {@code jwal-txn-boundary 1 lsn=N crc32c=X}
 * (see {@link LsnFile}).
 *
 * <p>The writer stores it when it opens the log (after rolling back what was left
 * open), when it starts a segment (a transaction is written in one batch, never
 * split across segments) and when it closes. What it says stays true as long as
 * the records before the LSN do; a reader must still check that the log reaches
 * the LSN (a power loss may have taken records the hint outlived) and ignore it
 * otherwise. A damaged file is ignored with a warning: it is only a hint.
 */
public final class TxnBoundaryFile {
    public static final String FILE_NAME = "txn-boundary";
    private static final Logger LOG = LoggerFactory.getLogger(TxnBoundaryFile.class);
    private static final LsnFile FILE = new LsnFile(FILE_NAME, "jwal-txn-boundary");

    private TxnBoundaryFile() {
    }

    /** The stored boundary, or empty if there is none or it is damaged. */
    public static OptionalLong read(Path directory) {
        try {
            return FILE.read(directory);
        } catch (LsnFile.Damaged e) {
            LOG.warn("ignoring {}: it {}; opening reads from the last checkpoint instead", FILE.path(directory),
                    e.getMessage());
            return OptionalLong.empty();
        }
    }

    /** Durably replaces the boundary of {@code directory} with {@code lsn}. */
    public static void write(LogFileSystem fs, Path directory, long lsn) throws IOException {
        FILE.write(fs, directory, lsn);
    }

    /** Durably deletes the boundary of {@code directory}, which must exist. */
    public static void delete(LogFileSystem fs, Path directory) throws IOException {
        fs.delete(FILE.path(directory));
        fs.forceDirectory(directory);
    }

    /**
     * As {@link #write}, but a failure is logged at WARN rather than thrown: the previous boundary
     * stays (the replacement is atomic) and is still true, only older, so the log loses nothing.
     */
    public static void writeOrWarn(LogFileSystem fs, Path directory, long lsn) {
        try {
            FILE.write(fs, directory, lsn);
        } catch (IOException e) {
            LOG.warn("could not store the transaction boundary {} in {}; the previous one stays", lsn,
                    FILE.path(directory), e);
        }
    }
}
