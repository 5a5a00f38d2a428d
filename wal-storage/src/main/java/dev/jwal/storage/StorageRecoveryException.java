package dev.jwal.storage;

/**
 * Opening could not rebuild the store: no valid snapshot together with the log records after it, nor
 * the whole log from LSN 0, is available; or the log holds a record that cannot be applied; or the
 * snapshot is ahead of the log. The message lists what was tried; the problems met along the way are
 * attached as suppressed exceptions. Nothing was deleted.
 */
public class StorageRecoveryException extends StorageException {
    public StorageRecoveryException(String message) {
        super(message);
    }

    public StorageRecoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
