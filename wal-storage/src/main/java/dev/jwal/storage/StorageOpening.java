package dev.jwal.storage;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a {@link WalStorage} opens: the inner store must be empty; the log opens with a {@link CheckpointTrigger}
 * as its checkpoint listener; the log's identity is read (or made) and the snapshot directory opened and locked
 * for it; {@link StorageRestorer} loads the newest valid snapshot and replays the log after it. Whatever fails,
 * what was opened is closed again.
 */
final class StorageOpening {
    private static final Logger LOG = LoggerFactory.getLogger(WalStorage.class);

    private StorageOpening() {
    }

    /**
     * Opens the log through {@code opener} (with a checkpoint trigger as its listener) and the snapshot
     * directory through {@code fs}, restores {@code inner} from them, and makes the storage; on any failure
     * closes what it opened.
     */
    static WalStorage open(StorageConfig config, VectorStorage inner, LogFileSystem fs,
                           Function<WalConfig, WriteAheadLog> opener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(inner, "inner");
        if (!inner.namespaces().isEmpty()) {
            throw new IllegalArgumentException("the inner store must be empty, but it holds namespaces "
                    + inner.namespaces() + ": WalStorage rebuilds it from the snapshots and the log");
        }
        CheckpointTrigger trigger = new CheckpointTrigger(config.wal().checkpointListener());
        WriteAheadLog log = opener.apply(config.wal().toBuilder().checkpointListener(trigger).build());
        SnapshotFiles snapshots = null;
        try {
            long started = System.nanoTime();
            snapshots = openSnapshots(config, fs, LogIdentity.readOrCreate(fs, config.wal().directory()));
            StorageRestorer.Restored restored = StorageRestorer.restore(log, config.wal().directory(), inner,
                    snapshots);
            WalStorage storage = new WalStorage(config, log, inner, snapshots, trigger);
            LOG.info("opened {}: {}, replayed {} entries from LSN {} in {} ms", config.wal().directory(),
                    restored.snapshot() == null ? "no snapshot" : "snapshot " + restored.snapshot().getFileName(),
                    restored.replayed(), restored.replayFrom(), (System.nanoTime() - started) / 1_000_000);
            return storage;
        } catch (RuntimeException e) {
            if (snapshots != null) {
                snapshots.closeAfterFailure(e);
            }
            try {
                log.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static SnapshotFiles openSnapshots(StorageConfig config, LogFileSystem fs, UUID logIdentity) {
        try {
            return SnapshotFiles.open(fs, config.snapshotDirectory(), logIdentity);
        } catch (IOException e) {
            throw new WalIOException("opening the snapshot directory", config.snapshotDirectory(), e);
        }
    }
}
