package dev.jwal.storage;

import java.nio.file.Path;

/**
 * Another storage, in this process or another, holds the snapshot directory: two storages must not share
 * one, or each would load, and delete, the other's snapshots. Give each storage its own
 * {@link StorageConfig#snapshotDirectory()}.
 */
public class SnapshotDirectoryLockedException extends StorageException {
    public SnapshotDirectoryLockedException(Path directory, String holder) {
        super("snapshot directory " + directory + " is already in use by another " + holder
                + "; only one storage may use a snapshot directory at a time");
    }
}
