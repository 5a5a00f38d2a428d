package dev.jwal.storage;

/**
 * A namespace name is not acceptable: empty, or not valid Unicode text (an unpaired surrogate).
 * Nothing was changed.
 */
public class InvalidNamespaceException extends StorageException {
    public InvalidNamespaceException(String message) {
        super(message);
    }
}
