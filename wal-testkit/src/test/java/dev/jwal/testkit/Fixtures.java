package dev.jwal.testkit;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /** An upsert of one vector {@code id} in namespace "ns", without metadata. */
    static WalEntry.Upsert upsert(String id, float... values) {
        return new WalEntry.Upsert("ns", List.of(SerializedVector.of(id, values)));
    }

    /** A lines/json config in {@code directory} that forces every write. */
    static WalConfig.Builder config(Path directory) {
        return WalConfig.builder(directory).syncPolicy(SyncPolicy.everyWrite());
    }

    static List<LogRecord> records(WalConfig config) {
        try (WriteAheadLog log = Wal.open(config)) {
            return Cursors.drain(log.read(0));
        }
    }

    static List<WalEntry> entries(RecordCursor cursor) {
        return Cursors.drain(cursor).stream().map(LogRecord::entry).toList();
    }

    static List<Long> lsns(RecordCursor cursor) {
        return Cursors.drain(cursor).stream().map(LogRecord::lsn).toList();
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

    /**
     * For a hook that holds an operation until the test releases it: waits for {@code release}, at most 20 s
     * (then throws, so a test that never released is seen); an interrupt ends the wait and is kept.
     */
    static void awaitRelease(CountDownLatch release) {
        try {
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the held operation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static DurabilityPromise everyWrite() {
        return DurabilityPromise.of(SyncPolicy.everyWrite());
    }
}
