package dev.jwal.core.framed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The {@code framed} segment format, big-endian throughout (docs/FORMAT.md has the full specification).
 *
 * <pre>
 * segment header
 *   offset  size  field
 *   0       8     magic 0x89 'J' 'W' 'A' 'L' 0x0D 0x0A 0x1A
 *   8       2     format version (1)
 *   10      1     codec name length n (1..64)
 *   11      n     codec name, ASCII
 *   11+n    4     codec format version
 *   15+n    8     LSN of the segment's first record
 *   23+n    4     CRC32C of bytes 0 .. 22+n
 * record, repeated
 *   0       4     payload length L (at most the configured record size limit)
 *   4       4     CRC32C of bytes 8 .. 15+L (the LSN and the payload)
 *   8       8     LSN
 *   16      L     payload, as the codec wrote it
 * </pre>
 *
 * The magic starts with a byte that is not an ASCII digit, so a segment's
 * first byte tells the two formats apart.
 */
public final class FramedFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'J', 'W', 'A', 'L', 0x0D, 0x0A, 0x1A};
    public static final short FORMAT_VERSION = 1;
    public static final int MAX_CODEC_NAME = 64;
    public static final int RECORD_HEADER = 16;
    /** Header bytes without the codec name. */
    static final int FIXED_HEADER = MAGIC.length + 2 + 1 + 4 + 8 + 4;

    private FramedFormat() {
    }

    /** Whether a segment whose first byte is {@code first} is a framed one. */
    public static boolean startsFramed(byte first) {
        return first == MAGIC[0];
    }

    /** The header of a segment whose first record will have LSN {@code firstLsn}. */
    public static byte[] header(String codecName, int codecVersion, long firstLsn) {
        byte[] name = codecName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > MAX_CODEC_NAME || !isPrintableAscii(codecName.getBytes(
                StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("codec name must be 1 to " + MAX_CODEC_NAME
                    + " printable ASCII characters, was '" + codecName + "'");
        }
        ByteBuffer header = ByteBuffer.allocate(FIXED_HEADER + name.length);
        header.put(MAGIC).putShort(FORMAT_VERSION).put((byte) name.length).put(name)
                .putInt(codecVersion).putLong(firstLsn);
        header.putInt((int) crc(header.array(), 0, header.position()));
        return header.array();
    }

    /** Whether every byte is printable ASCII without a space: what a codec name may hold. */
    static boolean isPrintableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0x20 || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts the 16 bytes before a payload into {@code out}: length, CRC32C of LSN and payload, LSN. Allocates
     * nothing: the CRC is computed with {@code crc} over the LSN just put and the payload.
     */
    public static void putRecordHeader(ByteBuffer out, long lsn, byte[] payload, CRC32C crc) {
        int start = out.position();
        out.putInt(payload.length).putInt(0).putLong(lsn);
        int end = out.position();
        int limit = out.limit();
        crc.reset();
        out.position(start + 8).limit(end);
        crc.update(out);
        out.limit(limit);
        crc.update(payload, 0, payload.length);
        out.putInt(start + 4, (int) crc.getValue());
    }

    static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
