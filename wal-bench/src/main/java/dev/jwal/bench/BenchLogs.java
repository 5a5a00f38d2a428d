package dev.jwal.bench;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;

import java.nio.file.Path;

/**
 * Opens the logs the benchmarks append to: default limits, default segment size (64 MiB) and
 * preallocation unless told.
 */
final class BenchLogs {
    private BenchLogs() {
    }

    static WriteAheadLog open(Path directory, Layout layout, SyncPolicy sync) {
        return open(directory, layout, sync, WalConfig.DEFAULT_SEGMENT_SIZE);
    }

    static WriteAheadLog open(Path directory, Layout layout, SyncPolicy sync, long segmentSize) {
        return open(directory, layout, sync, segmentSize, null);
    }

    /**
     * With {@code preallocate} null the library's default (framed segments preallocated unless the sync is
     * manual, lines segments never); false makes segments grow as they are written.
     */
    static WriteAheadLog open(Path directory, Layout layout, SyncPolicy sync, long segmentSize, Boolean preallocate) {
        return open(directory, layout, sync, segmentSize, preallocate, false);
    }

    /** As above; {@code mapped} writes segments through a mapping (and preallocates them unless told). */
    static WriteAheadLog open(Path directory, Layout layout, SyncPolicy sync, long segmentSize, Boolean preallocate,
                              boolean mapped) {
        WalConfig.Builder config = WalConfig.builder(directory)
                .segmentSize(segmentSize)
                .codec(layout.codec())
                .format(layout.format())
                .syncPolicy(sync);
        if (preallocate != null) {
            config.preallocate(preallocate);
        }
        if (mapped) {
            config.mappedWrites(true);
        }
        return Wal.open(config.build());
    }
}
