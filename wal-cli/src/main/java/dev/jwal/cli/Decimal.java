package dev.jwal.cli;

import java.io.IOException;
import java.io.OutputStream;

/** Writes non-negative longs as ASCII decimal without creating strings. */
final class Decimal {
    private static final int MAX_DIGITS = 19;

    private Decimal() {
    }

    /** Writes {@code value}, which must be {@code >= 0}. */
    static void write(long value, OutputStream out) throws IOException {
        if (value < 10) {
            out.write('0' + (int) value);
            return;
        }
        byte[] digits = new byte[MAX_DIGITS];
        int pos = MAX_DIGITS;
        while (value > 0) {
            digits[--pos] = (byte) ('0' + value % 10);
            value /= 10;
        }
        out.write(digits, pos, MAX_DIGITS - pos);
    }
}
