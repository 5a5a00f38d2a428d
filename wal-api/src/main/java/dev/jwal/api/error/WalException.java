package dev.jwal.api.error;

/**
 * The root of every exception jwal throws. Unchecked, so that streams and
 * iterators can carry it; every method that can throw one documents which.
 */
public class WalException extends RuntimeException {
    public WalException(String message) {
        super(message);
    }

    public WalException(String message, Throwable cause) {
        super(message, cause);
    }
}
