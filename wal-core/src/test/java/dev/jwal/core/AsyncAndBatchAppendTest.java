package dev.jwal.core;

import dev.jwal.api.LsnRange;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncAndBatchAppendTest {
    @TempDir
    Path dir;

    @Test
    void asyncAppendsCompleteWithTheirLsnsOnceForcedAndShareForces() throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            for (int i = 0; i < 2_000; i++) {
                futures.add(log.appendAsync(upsert("id-" + i, i)));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(i);
            }
            assertThat(log.stats().syncsSinceOpen()).as("forces shared by many records").isLessThan(1_000);
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(entries(log.recover())).hasSize(2_000);
        }
    }

    @Test
    void asyncAppendUnderManualSyncCompletesAtOnce() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            assertThat(log.appendAsync(upsert("a", 1f))).isCompletedWithValue(0L);
        }
    }

    @Test
    void asyncAppendRefusesBadInputBeforeWriting() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThatThrownBy(() -> log.appendAsync(upsert("nan", Float.NaN)))
                    .isInstanceOf(EntryRejectedException.class);
            assertThat(log.nextLsn()).isZero();
        }
    }

    @Test
    void batchIsOneContiguousRunOfRecords() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("first", 1f));
            LsnRange range = log.appendBatch(List.of(upsert("a", 1f), upsert("b", 2f), upsert("c", 3f)));
            assertThat(range).isEqualTo(new LsnRange(1, 3));
            assertThat(entries(log.recover())).containsExactly(upsert("first", 1f), upsert("a", 1f),
                    upsert("b", 2f), upsert("c", 3f));
        }
    }

    @Test
    void batchWithARejectedEntryWritesNothing() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThatThrownBy(() -> log.appendBatch(List.of(upsert("a", 1f), new WalEntry.Checkpoint(0))))
                    .isInstanceOf(EntryRejectedException.class);
            assertThat(log.nextLsn()).isZero();
        }
    }
}
