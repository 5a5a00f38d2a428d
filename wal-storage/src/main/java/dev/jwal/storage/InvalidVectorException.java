package dev.jwal.storage;

/**
 * A vector or id is not acceptable: an empty id, an id or metadata that is not valid Unicode text,
 * a vector without values, a NaN or infinite value, or the same id twice in one upsert.
 * Nothing was changed.
 */
public class InvalidVectorException extends StorageException {
    public InvalidVectorException(String message) {
        super(message);
    }
}
