package dev.jwal.core.segment;

import java.util.OptionalLong;

/**
 * Segment file names: {@code {first LSN, 20 digits zero-padded}.wal}.
 *
 * <p>The reference names a segment by its first LSN plus one; we read its logs
 * all the same, because record LSNs are the truth and names only order the
 * segments (numerically) and bound their LSNs for truncation.
 */
public final class SegmentName {
    public static final String SUFFIX = ".wal";
    private static final int DIGITS = 20;

    private SegmentName() {
    }

    /** The file name of a segment whose first record has LSN {@code firstLsn}. */
    public static String of(long firstLsn) {
        if (firstLsn < 0) {
            throw new IllegalArgumentException("first LSN must be >= 0, was " + firstLsn);
        }
        String digits = Long.toString(firstLsn);
        return "0".repeat(DIGITS - digits.length()) + digits + SUFFIX;
    }

    /** The number in a segment file name, or empty if the name is not a segment's. */
    public static OptionalLong parse(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (digits.isEmpty() || digits.length() > DIGITS) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
