package dev.jwal.testkit;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for tests that drive real logs through the simulated file system. */
final class Fixtures {
    /** One policy of each kind, with bounds small enough for short runs to reach them. */
    static final List<SyncPolicy> SYNC_POLICIES = List.of(SyncPolicy.everyWrite(), SyncPolicy.periodic(3),
            SyncPolicy.interval(Duration.ofMillis(2)), SyncPolicy.manual());

    private Fixtures() {
    }

    /** A distinct entry per {@code i}. */
    static WalEntry entry(int i) {
        return new WalEntry.Upsert("ns", List.of(new SerializedVector("v" + i, new float[]{i, -i, 0.5f}, "{\"i\":" + i
                + "}")));
    }

    static List<LogRecord> records(WalConfig config) {
        try (WriteAheadLog log = Wal.open(config); RecordCursor cursor = log.read(0)) {
            List<LogRecord> records = new ArrayList<>();
            cursor.forEachRemaining(records::add);
            return records;
        }
    }

    static List<WalEntry> entries(WalConfig config) {
        return records(config).stream().map(LogRecord::entry).toList();
    }

    /** Reopens with the real file system and checks the history under {@code policy}. */
    static HistoryReport reopenAndCheck(WalConfig config, AcknowledgedHistory history, DurabilityPromise promise) {
        try (WriteAheadLog log = Wal.open(config)) {
            return history.check(log, promise).assertOk(history.describe());
        }
    }

    static DurabilityPromise everyWrite() {
        return DurabilityPromise.of(SyncPolicy.everyWrite());
    }
}
