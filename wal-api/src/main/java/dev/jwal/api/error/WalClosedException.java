package dev.jwal.api.error;

/** The log was used after {@link dev.jwal.api.WriteAheadLog#close()}. */
public class WalClosedException extends WalException {
    public WalClosedException(String message) {
        super(message);
    }
}
