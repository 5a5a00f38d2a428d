package dev.jwal.bench;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import dev.jwal.storage.StorageConfig;
import dev.jwal.storage.WalStorage;

import java.nio.file.Path;

/**
 * What the storage benchmarks compare, in a fresh directory: a {@link WalStorage} (automatic checkpoints off,
 * the bench namespace created) and a bare log beside it, both kryo framed under the same sync policy.
 * {@link #close()} closes both and deletes the directory. As thread safe as the storage and the log.
 */
final class StorageAndLog implements AutoCloseable {
    private final Path directory;
    private final WalStorage storage;
    private final WriteAheadLog log;

    StorageAndLog(String name, String sync) {
        directory = BenchDirs.fresh(name);
        storage = WalStorage.open(StorageConfig.builder(config(directory.resolve("storage"), sync))
                .autoCheckpoint(false).build());
        storage.createNamespace(BenchEntries.NAMESPACE);
        log = Wal.open(config(directory.resolve("log"), sync));
    }

    private static WalConfig config(Path dir, String sync) {
        return WalConfig.builder(dir).codec("kryo").format(SegmentFormat.FRAMED).syncPolicy(SyncPolicy.parse(sync))
                .build();
    }

    /** A durable upsert of the entry's vectors through the storage. */
    void upsert(WalEntry.Upsert entry) {
        storage.upsert(entry.namespace(), entry.vectors().toArray(new SerializedVector[0]));
    }

    /** An append of the same entry to the bare log. */
    long append(WalEntry.Upsert entry) {
        return log.append(entry);
    }

    /** Entries per force so far, in the storage's log and in the bare log: a diagnostic. */
    String entriesPerForce() {
        return String.format("storage %.1f, log %.1f", perForce(storage.logStats()), perForce(log.stats()));
    }

    private static double perForce(WalStats stats) {
        return stats.appendedSinceOpen() / (double) Math.max(1, stats.syncsSinceOpen());
    }

    @Override
    public void close() {
        storage.close();
        log.close();
        BenchDirs.delete(directory);
    }
}
