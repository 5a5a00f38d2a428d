package dev.jwal.core.lines;

import java.nio.charset.StandardCharsets;

/**
 * The {@code lines} framing, the reference's format: one record per line,
 * {@code LSN|payload\n}, the LSN in plain decimal, the payload one line of
 * UTF-8 JSON. No header, no checksum: a torn last line is recognised by its
 * missing newline or by a payload that does not parse. Readers also accept
 * CRLF endings and a last line without newline, as the reference does.
 */
public final class LineFormat {
    public static final byte SEPARATOR = '|';
    public static final byte NEWLINE = '\n';
    public static final byte CARRIAGE_RETURN = '\r';
    /** Long.MAX_VALUE has 19 digits. */
    public static final int MAX_LSN_DIGITS = 19;
    /** Bytes a record adds to its payload: the LSN, the separator and the newline. */
    public static final int MAX_OVERHEAD = MAX_LSN_DIGITS + 2;

    private LineFormat() {
    }

    /** {@code LSN|} as ASCII bytes. */
    public static byte[] prefix(long lsn) {
        return (lsn + "|").getBytes(StandardCharsets.US_ASCII);
    }

    /** The whole record line: {@code LSN|payload\n}. */
    public static byte[] record(long lsn, byte[] payload) {
        byte[] prefix = prefix(lsn);
        byte[] line = new byte[prefix.length + payload.length + 1];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(payload, 0, line, prefix.length, payload.length);
        line[line.length - 1] = NEWLINE;
        return line;
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
