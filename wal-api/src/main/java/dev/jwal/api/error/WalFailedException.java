package dev.jwal.api.error;

/**
 * A write or fsync failed earlier, so the log no longer knows what reached the
 * disk. It refuses every further append until it is closed and reopened;
 * reopening recovers a consistent prefix. The cause is the original failure.
 */
public class WalFailedException extends WalException {
    /**
     * A refusal because of an earlier failure.
     *
     * @param message what was refused
     * @param cause   the original write or force failure
     */
    public WalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
