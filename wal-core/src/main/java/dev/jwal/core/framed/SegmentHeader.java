package dev.jwal.core.framed;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A framed segment's header, read back.
 *
 * @param formatVersion the framed format version
 * @param codecName     the codec the segment's payloads are written with
 * @param codecVersion  that codec's format version
 * @param firstLsn      the LSN of the segment's first record
 * @param length        the header's size in bytes: where the first record starts
 */
public record SegmentHeader(int formatVersion, String codecName, int codecVersion, long firstLsn, int length) {

    /**
     * Reads the header at the start of {@code channel}.
     *
     * @throws DamagedHeaderException if it is incomplete or does not check out
     */
    public static SegmentHeader read(FileChannel channel) throws IOException, DamagedHeaderException {
        long size = channel.size();
        int prefix = FramedFormat.MAGIC.length + 3;
        if (size < prefix) {
            throw new DamagedHeaderException("segment of " + size + " bytes is shorter than a framed header", true);
        }
        ByteBuffer start = ByteBuffer.allocate(prefix);
        readFully(channel, start, 0);
        byte[] magic = Arrays.copyOf(start.array(), FramedFormat.MAGIC.length);
        if (!Arrays.equals(magic, FramedFormat.MAGIC)) {
            throw new DamagedHeaderException("bad magic number " + hex(magic), false);
        }
        int nameLength = start.get(FramedFormat.MAGIC.length + 2) & 0xff;
        if (nameLength == 0 || nameLength > FramedFormat.MAX_CODEC_NAME) {
            throw new DamagedHeaderException("codec name length " + nameLength + " is not between 1 and "
                    + FramedFormat.MAX_CODEC_NAME, false);
        }
        int length = FramedFormat.FIXED_HEADER + nameLength;
        if (size < length) {
            throw new DamagedHeaderException("segment of " + size + " bytes is shorter than its " + length
                    + "-byte header", true);
        }
        ByteBuffer header = ByteBuffer.allocate(length);
        readFully(channel, header, 0);
        long stored = header.getInt(length - 4) & 0xffffffffL;
        long computed = FramedFormat.crc(header.array(), 0, length - 4);
        if (stored != computed) {
            throw new DamagedHeaderException(String.format("header checksum mismatch: stored %08x, computed %08x",
                    stored, computed), false);
        }
        header.position(FramedFormat.MAGIC.length);
        int formatVersion = header.getShort() & 0xffff;
        header.get();
        byte[] name = new byte[nameLength];
        header.get(name);
        int codecVersion = header.getInt();
        long firstLsn = header.getLong();
        if (formatVersion == 0) {
            throw new DamagedHeaderException("format version 0 does not exist (versions start at 1)", false);
        }
        if (!FramedFormat.isPrintableAscii(name)) {
            throw new DamagedHeaderException("the codec name holds bytes that are not printable ASCII: " + hex(name),
                    false);
        }
        if (firstLsn < 0) {
            throw new DamagedHeaderException("negative first LSN " + firstLsn, false);
        }
        return new SegmentHeader(formatVersion, new String(name, StandardCharsets.US_ASCII), codecVersion, firstLsn,
                length);
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("unexpected end of file at offset " + at);
            }
            at += read;
        }
        buffer.flip();
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    /** A header that cannot be read; {@code incomplete} when the file simply ends too early. */
    public static final class DamagedHeaderException extends Exception {
        private final boolean incomplete;

        DamagedHeaderException(String message, boolean incomplete) {
            super(message);
            this.incomplete = incomplete;
        }

        public boolean incomplete() {
            return incomplete;
        }
    }
}
