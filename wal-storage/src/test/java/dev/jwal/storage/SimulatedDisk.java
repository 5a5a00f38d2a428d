package dev.jwal.storage;

import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.testkit.SimulatedCrashException;
import dev.jwal.testkit.SimulatedFileSystem;

import java.nio.file.Path;

/**
 * Helpers for storages on wal-testkit's {@link SimulatedFileSystem}: the configuration the power-loss and
 * fault tests use, abandoning a storage after a simulated crash, and telling where a power loss struck.
 */
final class SimulatedDisk {
    /** Small segments, so that segments roll and truncation deletes some. */
    static final int SEGMENT_SIZE = 1024;

    private SimulatedDisk() {
    }

    /** A storage in {@code dir} with explicit checkpoints only, so that a seed replays the same operations. */
    static StorageConfig config(Path dir, SyncPolicy policy) {
        return StorageConfig.builder(WalConfig.builder(dir).segmentSize(SEGMENT_SIZE).syncPolicy(policy).build())
                .autoCheckpoint(false).build();
    }

    /**
     * Closes a storage whose disk lost the power or whose process crashed: its log's final force fails, which
     * is expected; the close still releases the directory lock.
     *
     * @throws AssertionError if the close fails although the disk is fine
     */
    static void abandon(WalStorage storage, SimulatedFileSystem fs) {
        try {
            storage.close();
        } catch (RuntimeException e) {
            if (!fs.isPoweredOff() && !fs.isCrashed()) {
                throw new AssertionError("closing the storage failed although the disk is fine", e);
            }
        }
    }

    /** Whether {@code failure} came from a simulated power loss or crash (somewhere in its causes). */
    static boolean isSimulatedCrash(Throwable failure) {
        return crashOf(failure) != null;
    }

    /** Whether the simulated crash behind {@code failure} struck a file of the snapshot directory. */
    static boolean struckSnapshotFile(Throwable failure, Path snapshotDirectory) {
        SimulatedCrashException crash = crashOf(failure);
        return crash != null && crash.getMessage().contains(snapshotDirectory.toAbsolutePath().normalize().toString());
    }

    private static SimulatedCrashException crashOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SimulatedCrashException crash) {
                return crash;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof SimulatedCrashException crash) {
                    return crash;
                }
            }
        }
        return null;
    }
}
