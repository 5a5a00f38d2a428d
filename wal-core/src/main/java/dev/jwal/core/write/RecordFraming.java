package dev.jwal.core.write;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.framed.FramedFormat;
import dev.jwal.core.lines.LineFormat;

import java.nio.ByteBuffer;

/**
 * How the writer lays records out in a segment: the bytes a new segment starts
 * with, and the buffers that carry one record. Implementations are stateless
 * and thread safe.
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

    /** How many buffers {@link #frame} fills per record. */
    int buffersPerRecord();

    /** Puts the buffers of one record into {@code into} from index {@code at}. */
    void frame(long lsn, byte[] payload, ByteBuffer[] into, int at);

    /**
     * Refuses a payload this framing cannot hold, before anything is written.
     *
     * @throws EntryRejectedException naming why
     */
    void check(byte[] payload);

    /** {@code LSN|payload\n}. */
    final class Lines implements RecordFraming {
        private static final byte[] NEWLINE = {LineFormat.NEWLINE};

        @Override
        public SegmentFormat format() {
            return SegmentFormat.LINES;
        }

        @Override
        public String codecName() {
            return dev.jwal.core.read.ReadContext.LINES_CODEC;
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
        public int buffersPerRecord() {
            return 3;
        }

        @Override
        public void frame(long lsn, byte[] payload, ByteBuffer[] into, int at) {
            into[at] = ByteBuffer.wrap(LineFormat.prefix(lsn));
            into[at + 1] = ByteBuffer.wrap(payload);
            into[at + 2] = ByteBuffer.wrap(NEWLINE);
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
        public int buffersPerRecord() {
            return 2;
        }

        @Override
        public void frame(long lsn, byte[] payload, ByteBuffer[] into, int at) {
            into[at] = FramedFormat.recordHeader(lsn, payload);
            into[at + 1] = ByteBuffer.wrap(payload);
        }

        @Override
        public void check(byte[] payload) {
            // Any bytes fit; the size limit is checked by the log.
        }
    }
}
