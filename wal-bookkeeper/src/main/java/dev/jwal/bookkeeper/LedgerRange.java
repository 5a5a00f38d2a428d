package dev.jwal.bookkeeper;

/**
 * One ledger of a log, as the log's metadata lists it.
 *
 * @param ledgerId the BookKeeper ledger
 * @param firstLsn the LSN of its first record (of the next record while it holds none)
 * @param lastLsn  the LSN of its last record once it is closed ({@code firstLsn - 1} if it holds none); -1 while
 *                 it is open
 * @param closed   whether its writer closed it, or a later writer recovered it: its records are final
 * @param codec    the codec its records are written with
 * @param bytes    the bytes of its records once it is closed; 0 while it is open
 */
public record LedgerRange(long ledgerId, long firstLsn, long lastLsn, boolean closed, String codec, long bytes) {

    /**
     * A ledger a writer just created.
     *
     * @param ledgerId the ledger
     * @param firstLsn the LSN its first record will have
     * @param codec    the codec it is written with
     * @return the open range
     */
    static LedgerRange open(long ledgerId, long firstLsn, String codec) {
        return new LedgerRange(ledgerId, firstLsn, -1, false, codec, 0);
    }

    /**
     * This ledger, closed.
     *
     * @param last  the LSN of its last record, or {@code firstLsn - 1}
     * @param size  the bytes of its records
     * @return the closed range
     */
    LedgerRange closedAt(long last, long size) {
        return new LedgerRange(ledgerId, firstLsn, last, true, codec, size);
    }

    /**
     * How many records the closed ledger holds.
     *
     * @return the count; 0 while open
     */
    long records() {
        return closed ? lastLsn - firstLsn + 1 : 0;
    }
}
