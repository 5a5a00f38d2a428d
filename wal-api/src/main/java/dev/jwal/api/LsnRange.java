package dev.jwal.api;

/**
 * An inclusive range of LSNs written together, for example a transaction.
 *
 * @param first the first LSN of the range
 * @param last  the last LSN of the range, {@code >= first}
 */
public record LsnRange(long first, long last) {
    /**
     * Checks the bounds.
     *
     * @param first the first LSN of the range
     * @param last the last LSN of the range
     * @throws IllegalArgumentException if {@code first} is negative or {@code last} is below it
     */
    public LsnRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid LSN range [" + first + ", " + last + "]");
        }
    }

    /**
     * The number of LSNs in the range.
     *
     * @return {@code last - first + 1}
     */
    public long count() {
        return last - first + 1;
    }
}
