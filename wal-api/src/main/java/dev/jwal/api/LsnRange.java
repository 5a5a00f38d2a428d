package dev.jwal.api;

/**
 * An inclusive range of LSNs written together, for example a transaction.
 *
 * @param first the first LSN of the range
 * @param last  the last LSN of the range, {@code >= first}
 */
public record LsnRange(long first, long last) {
    public LsnRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid LSN range [" + first + ", " + last + "]");
        }
    }

    /** The number of LSNs in the range. */
    public long count() {
        return last - first + 1;
    }
}
