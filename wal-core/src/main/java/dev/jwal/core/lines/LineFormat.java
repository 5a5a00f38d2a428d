package dev.jwal.core.lines;

import java.nio.ByteBuffer;

/**
 * The {@code lines} framing, the reference's format: one record per line,
 * {@code LSN|payload\n}, the LSN in plain decimal, the payload one line of
 * UTF-8 JSON. No header, no checksum: a torn last line is recognised by its
 * missing newline or by a payload that does not parse. Readers also accept
 * CRLF endings and a last line without newline, as the reference does.
 */
public final class LineFormat {
    /** The codec {@code lines} segments hold: the reference's format is JSON. */
    public static final String CODEC = dev.jwal.api.codec.Codecs.DEFAULT_CODEC;
    public static final byte SEPARATOR = '|';
    public static final byte NEWLINE = '\n';
    public static final byte CARRIAGE_RETURN = '\r';
    /** Long.MAX_VALUE has 19 digits. */
    public static final int MAX_LSN_DIGITS = 19;
    /** Bytes a record adds to its payload: the LSN, the separator and the newline. */
    public static final int MAX_OVERHEAD = MAX_LSN_DIGITS + 2;

    private LineFormat() {
    }

    /** Bytes of {@code LSN|} for a non-negative {@code lsn}. */
    public static int prefixLength(long lsn) {
        int digits = 1;
        for (long rest = lsn / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits + 1;
    }

    /** Puts {@code LSN|} as ASCII into {@code out}, allocating nothing; {@code lsn} is non-negative. */
    public static void putPrefix(ByteBuffer out, long lsn) {
        int end = out.position() + prefixLength(lsn) - 1;
        long rest = lsn;
        for (int at = end - 1; at >= out.position(); at--) {
            out.put(at, (byte) ('0' + rest % 10));
            rest /= 10;
        }
        out.position(end).put(SEPARATOR);
    }

    /** Whether {@code payload} can sit inside one line: it holds no line feed or carriage return. */
    public static boolean fitsOnOneLine(byte[] payload) {
        for (byte b : payload) {
            if (b == NEWLINE || b == CARRIAGE_RETURN) {
                return false;
            }
        }
        return true;
    }
}
