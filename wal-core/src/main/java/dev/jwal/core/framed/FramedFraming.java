package dev.jwal.core.framed;

import dev.jwal.api.config.SegmentFormat;
import dev.jwal.core.segment.RecordFraming;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Length, CRC32C, LSN, payload. */
public final class FramedFraming implements RecordFraming {
    private final String codecName;
    private final int codecVersion;

    /** The framing of payloads of codec {@code codecName}, format version {@code codecVersion}. */
    public FramedFraming(String codecName, int codecVersion) {
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
