package dev.jwal.storage;

import dev.jwal.api.config.WalConfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a {@link WalStorage}: an immutable value built with {@link #builder(Path)} or
 * {@link #builder(WalConfig)}.
 *
 * @param wal               the log: its directory, codec, sync policy (what a crash can lose), recovery mode,
 *                          and {@code checkpointThreshold} (records after which a checkpoint starts in the
 *                          background). Its checkpoint listener is still called, after the storage's own.
 * @param snapshotDirectory where snapshots are kept; by default {@code snapshots} inside the log directory
 * @param retainedSnapshots how many snapshots are kept, at least 1 (default 2). The log is truncated only
 *                          up to the oldest one kept (and not at all until that many exist), so with 2 or more
 *                          a damaged newest snapshot is replaced by the one before it and the log; with 1 there
 *                          is nothing to fall back to once the log is truncated
 * @param autoCheckpoint    whether reaching the threshold starts a checkpoint in the background (default
 *                          true); without it only {@link WalStorage#checkpoint()} takes one, and the log grows
 *                          until then
 */
public record StorageConfig(WalConfig wal, Path snapshotDirectory, int retainedSnapshots, boolean autoCheckpoint) {

    /** Two: the newest snapshot and one to fall back to. */
    public static final int DEFAULT_RETAINED_SNAPSHOTS = 2;
    /** The default snapshot directory's name, inside the log directory. */
    public static final String DEFAULT_SNAPSHOT_DIRECTORY = "snapshots";

    /** Validates every component; prefer the builders. */
    public StorageConfig {
        Objects.requireNonNull(wal, "wal");
        Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
        if (retainedSnapshots < 1) {
            throw new IllegalArgumentException("retainedSnapshots must be >= 1, was " + retainedSnapshots);
        }
    }

    /** A builder for a storage in {@code directory} with the log's defaults ({@link WalConfig#builder}). */
    public static Builder builder(Path directory) {
        return new Builder(WalConfig.builder(directory).build());
    }

    /** A builder for a storage on the log configured by {@code wal}. */
    public static Builder builder(WalConfig wal) {
        return new Builder(wal);
    }

    /** Builds a {@link StorageConfig}; not thread safe. Validation happens in {@link #build()}. */
    public static final class Builder {
        private final WalConfig wal;
        private Path snapshotDirectory;
        private int retainedSnapshots = DEFAULT_RETAINED_SNAPSHOTS;
        private boolean autoCheckpoint = true;

        private Builder(WalConfig wal) {
            this.wal = Objects.requireNonNull(wal, "wal");
        }

        /** Where snapshots are kept; default {@code snapshots} inside the log directory. */
        public Builder snapshotDirectory(Path snapshotDirectory) {
            this.snapshotDirectory = Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
            return this;
        }

        /** How many snapshots are kept, at least 1; default 2. */
        public Builder retainedSnapshots(int retainedSnapshots) {
            this.retainedSnapshots = retainedSnapshots;
            return this;
        }

        /** Whether the checkpoint threshold starts a background checkpoint; default true. */
        public Builder autoCheckpoint(boolean autoCheckpoint) {
            this.autoCheckpoint = autoCheckpoint;
            return this;
        }

        /** @throws IllegalArgumentException if {@code retainedSnapshots} is below 1 */
        public StorageConfig build() {
            Path snapshots = snapshotDirectory != null ? snapshotDirectory
                    : wal.directory().resolve(DEFAULT_SNAPSHOT_DIRECTORY);
            return new StorageConfig(wal, snapshots, retainedSnapshots, autoCheckpoint);
        }
    }
}
