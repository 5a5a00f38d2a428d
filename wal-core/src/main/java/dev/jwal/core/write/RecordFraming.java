package dev.jwal.core.write;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.framed.FramedFormat;
import dev.jwal.core.lines.LineFormat;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How the writer lays records out in a segment: the bytes a new segment starts
 * with, and what goes before and after each payload. Implementations are
 * stateless and thread safe; they allocate nothing per record.
 */
public interface RecordFraming {

    /** The framing of {@code format} for payloads of {@code codec}. */
    static RecordFraming of(SegmentFormat format, EntryCodec codec) {
        return format == SegmentFormat.LINES ? new Lines() : new Framed(codec.name(), codec.formatVersion());
    }

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

    /** {@code LSN|payload\n}. */
    final class Lines implements RecordFraming {

        @Override
        public SegmentFormat format() {
            return SegmentFormat.LINES;
        }

        @Override
        public String codecName() {
            return LineFormat.CODEC;
        }

        @Override
        public byte[] segmentHeader(long firstLsn) {
            return new byte[0];
        }

        @Override
        public int overhead() {
            return LineFormat.MAX_OVERHEAD;
        }

        @Override
        public int recordSize(long lsn, int payloadLength) {
            return LineFormat.prefixLength(lsn) + payloadLength + 1;
        }

        @Override
        public void putHeader(long lsn, byte[] payload, ByteBuffer out, CRC32C crc) {
            LineFormat.putPrefix(out, lsn);
        }

        @Override
        public void putTrailer(ByteBuffer out) {
            out.put(LineFormat.NEWLINE);
        }

        @Override
        public void check(byte[] payload) {
            if (!LineFormat.fitsOnOneLine(payload)) {
                throw new EntryRejectedException("the payload holds a line break, which the lines format cannot hold");
            }
        }
    }

    /** Length, CRC32C, LSN, payload. */
    final class Framed implements RecordFraming {
        private final String codecName;
        private final int codecVersion;

        Framed(String codecName, int codecVersion) {
            this.codecName = codecName;
            this.codecVersion = codecVersion;
        }

        @Override
        public SegmentFormat format() {
            return SegmentFormat.FRAMED;
        }

        @Override
        public String codecName() {
            return codecName;
        }

        @Override
        public byte[] segmentHeader(long firstLsn) {
            return FramedFormat.header(codecName, codecVersion, firstLsn);
        }

        @Override
        public int overhead() {
            return FramedFormat.RECORD_HEADER;
        }

        @Override
        public int recordSize(long lsn, int payloadLength) {
            return FramedFormat.RECORD_HEADER + payloadLength;
        }

        @Override
        public void putHeader(long lsn, byte[] payload, ByteBuffer out, CRC32C crc) {
            FramedFormat.putRecordHeader(out, lsn, payload, crc);
        }

        @Override
        public void putTrailer(ByteBuffer out) {
            // A framed record ends with its payload.
        }

        @Override
        public void check(byte[] payload) {
            // Any bytes fit; the size limit is checked by the log.
        }
    }
}
