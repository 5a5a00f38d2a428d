package dev.jwal.core.lines;

/**
 * Parses the {@code LSN|} prefix of a line: one to 19 ASCII digits, no sign,
 * no spaces, then {@code |}. Anything else is a garbled LSN, never read as 0.
 */
final class LsnPrefix {
    /** Returned by {@link #parse} when the prefix is not valid. */
    public static final long INVALID = -1;

    private LsnPrefix() {
    }

    /** The LSN at the start of the line, or {@link #INVALID}. */
    public static long parse(byte[] line, int start, int length) {
        int end = start + length;
        long value = 0;
        int i = start;
        for (; i < end && line[i] != LineFormat.SEPARATOR; i++) {
            byte b = line[i];
            if (b < '0' || b > '9' || i - start >= LineFormat.MAX_LSN_DIGITS) {
                return INVALID;
            }
            int digit = b - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        if (i == start || i == end) {
            return INVALID;
        }
        return value;
    }

    /** The index of the separator, given a line {@link #parse} accepted. */
    public static int separatorIndex(byte[] line, int start) {
        int i = start;
        while (line[i] != LineFormat.SEPARATOR) {
            i++;
        }
        return i;
    }
}
