package dev.jwal.storage;

/**
 * The store may no longer match its log: the inner store failed to apply a mutation that was already in
 * the log, or an append failed without saying whether the log holds its record. The storage refuses every
 * further call, reads and checkpoints included, until it is closed and reopened; reopening rebuilds the
 * store from the snapshot and the log. The cause is the first failure.
 */
public class StorageFailedException extends StorageException {
    public StorageFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
