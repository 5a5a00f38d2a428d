package dev.jwal.storage;

/**
 * The inner store failed to apply a mutation that was already in the log, so memory and log no
 * longer agree. The storage refuses every further call until it is closed and reopened; reopening
 * rebuilds the store from the snapshot and the log, which hold the mutation. The cause is the
 * inner store's failure.
 */
public class StorageFailedException extends StorageException {
    public StorageFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
