package dev.jwal.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something found while reading a log that did not stop the reading: a torn
 * tail cut off, a damaged record skipped in skip-corrupt mode, or a
 * transaction marker that names no open transaction; or something that went
 * wrong in the log's background maintenance: a segment listener that threw,
 * a segment retention could not delete.
 *
 * @param kind    what was found
 * @param segment the segment file
 * @param offset  byte offset in that file
 * @param lsn     the LSN concerned, or -1 when it cannot be known
 * @param detail  what it was, with the numbers
 */
public record LogProblem(Kind kind, Path segment, long offset, long lsn, String detail) {

    /** The kinds of problem. */
    public enum Kind {
        /** An incomplete record at the end of the last segment, cut off (or ignored by a read-only reader). */
        TORN_TAIL,
        /** A damaged record skipped in skip-corrupt mode. */
        SKIPPED_RECORD,
        /** A TxnCommit or TxnRollback naming no open transaction; ignored. */
        UNMATCHED_TXN_MARKER,
        /**
         * A {@link SegmentListener} threw for a finished segment: the segment is kept and offered again later.
         * The offset is 0 and the LSN the segment's first.
         */
        SEGMENT_LISTENER_FAILED,
        /** Retention could not delete a segment or its side files; it tries again after the next checkpoint. */
        RETENTION_FAILED
    }

    /**
     * Checks the components.
     *
     * @param kind what was found
     * @param segment the segment file
     * @param offset byte offset in that file
     * @param lsn the LSN concerned, or -1 when it cannot be known
     * @param detail what it was, with the numbers
     * @throws NullPointerException if {@code kind}, {@code segment} or {@code detail} is null
     */
    public LogProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(detail, "detail");
    }

    /** The kind, the place and the detail, on one line. */
    @Override
    public String toString() {
        return kind + " in " + segment + " at offset " + offset + (lsn >= 0 ? " (LSN " + lsn + ")" : "")
                + ": " + detail;
    }
}
