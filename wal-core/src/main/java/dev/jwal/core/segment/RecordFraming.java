package dev.jwal.core.segment;

import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.EntryRejectedException;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How the writer lays records out in a segment: the bytes a new segment starts
 * with, and what goes before and after each payload. Each format package owns
 * its implementation. Implementations are stateless and thread safe; they
 * allocate nothing per record.
 */
public interface RecordFraming {

    SegmentFormat format();

    /** The name of the codec whose payloads this framing holds. */
    String codecName();

    /** The bytes a segment starting at {@code firstLsn} begins with (none for lines). */
    byte[] segmentHeader(long firstLsn);

    /** Bytes a record adds to its payload (at most, for lines: the LSN's digits vary). */
    int overhead();

    /** Bytes of the whole record {@code lsn} with a payload of {@code payloadLength} bytes. */
    int recordSize(long lsn, int payloadLength);

    /** Puts what goes before the payload of record {@code lsn} into {@code out}, using {@code crc} if it needs one. */
    void putHeader(long lsn, byte[] payload, ByteBuffer out, CRC32C crc);

    /** Puts what goes after a payload into {@code out}. */
    void putTrailer(ByteBuffer out);

    /**
     * Refuses a payload this framing cannot hold, before anything is written.
     *
     * @throws EntryRejectedException naming why
     */
    void check(byte[] payload);
}
