package dev.jwal.api.error;

/** The log was used after {@link dev.jwal.api.WriteAheadLog#close()}. */
public class WalClosedException extends WalException {
    /**
     * A use of a closed log.
     *
     * @param message what was attempted
     */
    public WalClosedException(String message) {
        super(message);
    }
}
