package dev.jwal.api.error;

/**
 * Records a reader asked for are no longer in the log: truncation deleted the segments that held them,
 * before the read started (a start below the log's first record) or while a cursor was reading. Names the
 * missing LSNs, so a reader never jumps over records without knowing it.
 */
public class RecordsTruncatedException extends WalException {
    /** The first LSN asked for that is gone. */
    private final long firstMissing;
    /** The last LSN known to be gone, or -1. */
    private final long lastMissing;

    /**
     * Records that are gone.
     *
     * @param firstMissing the first LSN asked for that is gone
     * @param lastMissing  the last LSN known to be gone, or -1 when it is not known
     * @param detail       what happened, with the file concerned
     */
    public RecordsTruncatedException(long firstMissing, long lastMissing, String detail) {
        super(describe(firstMissing, lastMissing) + ": " + detail);
        this.firstMissing = firstMissing;
        this.lastMissing = lastMissing;
    }

    private static String describe(long first, long last) {
        if (last < 0) {
            return "records from LSN " + first + " on were truncated";
        }
        return first == last ? "record " + first + " was truncated" : "records " + first + " to " + last
                + " were truncated";
    }

    /**
     * The first LSN that is gone.
     *
     * @return that LSN
     */
    public long firstMissing() {
        return firstMissing;
    }

    /**
     * The last LSN known to be gone.
     *
     * @return that LSN, or -1 when unknown
     */
    public long lastMissing() {
        return lastMissing;
    }
}
