package dev.jwal.core.lines;

import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.segment.RecordFraming;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** {@code LSN|payload\n}. */
public final class LineFraming implements RecordFraming {
    /** The one instance: it holds no state. */
    public static final LineFraming INSTANCE = new LineFraming();

    private LineFraming() {
    }

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
