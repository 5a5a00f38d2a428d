package dev.jwal.core.read;

import dev.jwal.api.WalEntry;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the records of one segment file in order, whatever its framing. Each
 * step yields either a record or a damaged stretch of bytes ({@link #damage()}),
 * so the caller decides, by recovery mode and position, what damage means.
 * Not thread safe.
 */
public interface SegmentReader extends Closeable {

    /** Moves to the next record or damaged stretch; false at the end of the segment. */
    boolean next() throws IOException;

    /**
     * Moves to the record at {@code offset} if one that checks out starts there and carries {@code lsn} (what a
     * segment index said), so that the next {@link #next()} reads it; else stays where it is. Checks out means
     * as much as the format can tell without reading the segment from its start: framed, a length within the
     * limit and the segment, a matching CRC32C and the LSN; lines, the offset follows a newline and the line
     * starts with the LSN. The default seeks nowhere.
     *
     * @return whether it moved
     */
    default boolean seek(long offset, long lsn) throws IOException {
        return false;
    }

    /** Byte offset where the current record or damage starts. */
    long offset();

    /** Byte offset just past the current record or damage. */
    long endOffset();

    /** The current damage, or null when the current item is a valid record. */
    Damage damage();

    /** The current record's LSN (valid records only). */
    long lsn();

    /** The current record's entry (valid records only). */
    WalEntry entry();

    /**
     * After {@link #next()} returned false: where the zeros that fill the rest of the segment start (room
     * preallocated and never written), or -1 if the segment's records run to its end.
     */
    default long unusedSpaceOffset() {
        return -1;
    }

    /** What this reader learned of the segment's layout; complete once {@link #next()} returned false. */
    SegmentShape shape();

    /** Whether the reader reads the channel it was opened with; one that reads nothing leaves it to be closed. */
    default boolean holdsFile() {
        return true;
    }

    /**
     * What is wrong at the current position.
     *
     * @param detail          what is wrong, with the numbers
     * @param lsn             the LSN the damaged bytes carry, if readable, else -1
     * @param lastInSegment   whether nothing follows the damaged bytes in the segment, so that they can
     *                        be a torn tail if this is the last segment
     * @param cause           the underlying failure, may be null
     * @param incompleteRecord whether the damage is only a record that stops short of its declared length or
     *                        its newline at the very end of the segment: what a crash mid-write leaves, with
     *                        nothing after it that could be a record
     */
    record Damage(String detail, long lsn, boolean lastInSegment, Throwable cause, boolean incompleteRecord) {
        /** Damage that is not merely an incomplete final record. */
        public Damage(String detail, long lsn, boolean lastInSegment, Throwable cause) {
            this(detail, lsn, lastInSegment, cause, false);
        }
    }
}
