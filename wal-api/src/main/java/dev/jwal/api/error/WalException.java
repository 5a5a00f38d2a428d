package dev.jwal.api.error;

/**
 * The root of every exception jwal throws. Unchecked, so that streams and
 * iterators can carry it; every method that can throw one documents which.
 */
public class WalException extends RuntimeException {
    /**
     * A failure without an underlying exception.
     *
     * @param message what went wrong, with the numbers
     */
    public WalException(String message) {
        super(message);
    }

    /**
     * A failure caused by another exception.
     *
     * @param message what went wrong, with the numbers
     * @param cause   the underlying failure, may be null
     */
    public WalException(String message, Throwable cause) {
        super(message, cause);
    }
}
