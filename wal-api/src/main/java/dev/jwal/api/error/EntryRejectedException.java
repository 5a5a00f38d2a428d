package dev.jwal.api.error;

/**
 * An entry was refused before anything was written: the codec cannot represent
 * it (a NaN in JSON, a string that is not valid Unicode), it is larger than the
 * configured record limit, or it is not allowed where it was given. The log is
 * unchanged.
 */
public class EntryRejectedException extends WalException {
    /**
     * A refused entry.
     *
     * @param message why, naming the field or the limit
     */
    public EntryRejectedException(String message) {
        super(message);
    }
}
