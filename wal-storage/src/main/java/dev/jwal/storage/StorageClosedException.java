package dev.jwal.storage;

/** The storage was used after {@link WalStorage#close()}. */
public class StorageClosedException extends StorageException {
    public StorageClosedException(String message) {
        super(message);
    }
}
