package dev.jwal.api;

import java.util.Objects;

/**
 * An entry together with the log sequence number it was written at.
 *
 * @param lsn   the entry's LSN: LSNs start at 0 and are contiguous in file order
 * @param entry the entry, never null
 */
public record LogRecord(long lsn, WalEntry entry) {
    /**
     * Checks the components.
     *
     * @param lsn the entry's LSN, 0 or more
     * @param entry the entry
     * @throws IllegalArgumentException if {@code lsn} is negative
     * @throws NullPointerException     if {@code entry} is null
     */
    public LogRecord {
        if (lsn < 0) {
            throw new IllegalArgumentException("lsn must be >= 0, was " + lsn);
        }
        Objects.requireNonNull(entry, "entry");
    }
}
