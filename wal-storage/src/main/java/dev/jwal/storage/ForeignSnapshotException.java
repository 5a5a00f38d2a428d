package dev.jwal.storage;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A snapshot in the snapshot directory was taken of another log than the one opened: its log identity
 * differs from the one kept in the log directory. Loading it would bring back the other store's namespaces
 * and lose this one's, so opening stops and deletes nothing. Typically two storages were configured with
 * one snapshot directory, or a log directory was replaced; give each storage its own snapshot directory, or
 * move the foreign snapshots away.
 */
public class ForeignSnapshotException extends StorageRecoveryException {
    private final transient Path snapshot;

    public ForeignSnapshotException(Path snapshot, UUID snapshotLog, Path logDirectory, UUID thisLog) {
        super("snapshot " + snapshot + " was taken of the log with identity " + snapshotLog + ", but the log in "
                + logDirectory + " has identity " + thisLog + " (file " + LogIdentity.FILE_NAME + "): is the snapshot "
                + "directory shared with another storage? Give each storage its own, or move the foreign snapshots "
                + "away");
        this.snapshot = snapshot;
    }

    /** The foreign snapshot file. */
    public Path snapshot() {
        return snapshot;
    }
}
