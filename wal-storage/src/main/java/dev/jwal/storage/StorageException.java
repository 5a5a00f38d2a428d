package dev.jwal.storage;

import dev.jwal.api.error.WalException;

/**
 * The root of the exceptions this module throws. Unchecked, and a {@link WalException}, so one
 * {@code catch (WalException e)} covers the log and the storage alike.
 */
public class StorageException extends WalException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
