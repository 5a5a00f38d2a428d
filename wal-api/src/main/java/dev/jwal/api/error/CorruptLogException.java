package dev.jwal.api.error;

import java.nio.file.Path;

/**
 * The log holds bytes that are not a valid record where one was expected.
 * Names the segment file, the byte offset of the bad record and the LSN it
 * should have had, so the damage can be found with a hex editor.
 */
public class CorruptLogException extends WalException {
    /** What kind of damage was found. */
    public enum Kind {
        /** An incomplete last record at the end of the last segment: what a crash mid-write leaves. */
        TORN_TAIL,
        /** Damage anywhere else: a record that does not parse, a garbled or unexpected LSN. */
        CORRUPT_RECORD
    }

    private final transient Path segment;
    /** Byte offset of the damaged record in its segment. */
    private final long offset;
    /** The LSN the damaged record should have had, or -1. */
    private final long expectedLsn;
    /** Torn tail or mid-log corruption. */
    private final Kind kind;
    /** What is wrong, without the location. */
    private final String detail;

    /**
     * Damage found at a place in a segment.
     *
     * @param segment     the segment file
     * @param offset      byte offset of the damaged record in that file
     * @param expectedLsn the LSN the record at that offset should carry, or -1 if unknown
     * @param kind        torn tail or mid-log corruption
     * @param detail      what is wrong, with the numbers
     * @param cause       the underlying parse failure, may be null
     */
    public CorruptLogException(Path segment, long offset, long expectedLsn, Kind kind, String detail,
                               Throwable cause) {
        super(describe(segment, offset, expectedLsn, kind, detail), cause);
        this.segment = segment;
        this.offset = offset;
        this.expectedLsn = expectedLsn;
        this.kind = kind;
        this.detail = detail;
    }

    private static String describe(Path segment, long offset, long expectedLsn, Kind kind, String detail) {
        String what = kind == Kind.TORN_TAIL ? "torn tail" : "corrupt record";
        String lsn = expectedLsn >= 0 ? ", expected LSN " + expectedLsn : "";
        return what + " in " + segment + " at offset " + offset + lsn + ": " + detail;
    }

    /**
     * The segment file holding the damage; not serialized.
     *
     * @return the file
     */
    public Path segment() {
        return segment;
    }

    /**
     * Where the damaged record starts.
     *
     * @return the byte offset in {@link #segment()}
     */
    public long offset() {
        return offset;
    }

    /**
     * The LSN the damaged record should have had.
     *
     * @return the LSN, or -1 when it cannot be known
     */
    public long expectedLsn() {
        return expectedLsn;
    }

    /**
     * Torn tail or mid-log corruption.
     *
     * @return the kind of damage
     */
    public Kind kind() {
        return kind;
    }

    /**
     * What is wrong, without the location.
     *
     * @return the detail, with the numbers
     */
    public String detail() {
        return detail;
    }
}
