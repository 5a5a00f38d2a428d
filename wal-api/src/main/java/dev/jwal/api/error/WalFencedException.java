package dev.jwal.api.error;

/**
 * Another writer has opened the log and fenced this one out: a log that several processes can reach (one kept on a
 * replicated store) allows one writer at a time, and the newest opener wins. This writer acknowledges nothing
 * written after the new writer opened; it refuses every further append, like a failed log, and must be closed.
 * Whatever it acknowledged before stays in the log, and the new writer continues after it.
 */
public class WalFencedException extends WalFailedException {
    /**
     * A refusal because another writer took the log over.
     *
     * @param message what was refused, naming the log
     * @param cause   what told this writer it was fenced, may be null
     */
    public WalFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
