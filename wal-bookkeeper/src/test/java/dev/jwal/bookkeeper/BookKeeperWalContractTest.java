package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.api.LsnRange;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.RecordsTruncatedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.testkit.Cursors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WriteAheadLog contract on an in-process cluster of three bookies, for every codec in the build. */
class BookKeeperWalContractTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private static BookKeeperWal open(BookKeeperWalConfig config) {
        return BookKeeperWal.open(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "kryo", "protobuf"})
    void appendedEntriesAreRecoveredInLsnOrderAfterReopening(String codec) {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), codec).codec(codec).build();
        try (BookKeeperWal log = open(config)) {
            for (int i = 0; i < 5; i++) {
                assertThat(log.append(upsert(i))).isEqualTo(i);
            }
        }
        try (BookKeeperWal log = open(config)) {
            assertThat(log.nextLsn()).isEqualTo(5);
            List<LogRecord> recovered = Cursors.drain(log.recover());
            assertThat(recovered).extracting(LogRecord::lsn).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(recovered).extracting(LogRecord::entry)
                    .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(Entries::upsert).toList());
        }
    }

    @Test
    void lsnsStayContiguousAcrossWritersAndLedgerRollovers() {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "roll").maxEntryBytes(1024).ledgerRolloverBytes(1024)
                .build();
        for (int writer = 0; writer < 3; writer++) {
            try (BookKeeperWal log = open(config)) {
                for (int i = 0; i < 20; i++) {
                    log.append(upsert(writer * 20 + i));
                }
                assertThat(log.stats().segmentCount()).isGreaterThan(1);
            }
        }
        try (BookKeeperWal log = open(config)) {
            assertThat(Cursors.drain(log.read(0))).extracting(LogRecord::lsn)
                    .containsExactlyElementsOf(LongRangeList.of(0, 60));
            assertThat(Cursors.drain(log.read(37))).extracting(LogRecord::lsn)
                    .containsExactlyElementsOf(LongRangeList.of(37, 60));
        }
    }

    @Test
    void asyncAppendsAreAcknowledgedInLsnOrder() {
        try (BookKeeperWal log = open(Clusters.config(CLUSTER.get(), "async").build())) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(log.appendAsync(upsert(i)));
            }
            assertThat(futures).extracting(CompletableFuture::join)
                    .containsExactlyElementsOf(LongRangeList.of(0, 200));
            log.sync();
            assertThat(log.durableLsn()).isEqualTo(199);
            assertThat(Cursors.drain(log.read(150))).extracting(LogRecord::lsn)
                    .containsExactlyElementsOf(LongRangeList.of(150, 200));
        }
    }

    @Test
    void aBatchLargerThanAnEntryIsSplitAndKeepsItsLsns() {
        try (BookKeeperWal log = open(Clusters.config(CLUSTER.get(), "batch").maxEntryBytes(1024).build())) {
            List<WalEntry> batch = IntStream.range(0, 50).mapToObj(Entries::upsert).toList();
            assertThat(log.appendBatch(batch)).isEqualTo(new LsnRange(0, 49));
            assertThat(Cursors.drain(log.read(0))).extracting(LogRecord::entry).containsExactlyElementsOf(batch);
        }
    }

    @Test
    void recoveryReplaysCommittedTransactionsAndSkipsRolledBackOnes() {
        try (BookKeeperWal log = open(Clusters.config(CLUSTER.get(), "txn").build())) {
            log.appendTransaction(1, List.of(upsert(1), upsert(2)));
            log.append(new WalEntry.TxnBegin(2));
            log.append(upsert(3));
            log.append(new WalEntry.TxnRollback(2));
            log.append(new WalEntry.TxnBegin(3));
            log.append(upsert(4));
            assertThat(Cursors.drain(log.recover())).extracting(LogRecord::entry)
                    .containsExactly(upsert(1), upsert(2));
        }
    }

    @Test
    void aTransactionThatDoesNotFitOneEntryIsRefusedBeforeWriting() {
        try (BookKeeperWal log = open(Clusters.config(CLUSTER.get(), "bigtxn").maxEntryBytes(1024).build())) {
            List<WalEntry> entries = IntStream.range(0, 50).mapToObj(Entries::upsert).toList();
            assertThatThrownBy(() -> log.appendTransaction(9, entries)).isInstanceOf(EntryRejectedException.class)
                    .hasMessageContaining("does not fit in one BookKeeper entry");
            assertThat(log.nextLsn()).isZero();
        }
    }

    @Test
    void recoveryStartsAfterThePersistedCheckpoint() {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "checkpoint").build();
        try (BookKeeperWal log = open(config)) {
            log.append(upsert(0));
            log.append(upsert(1));
            assertThat(log.checkpoint()).isEqualTo(2);
            log.append(upsert(3));
        }
        try (BookKeeperWal log = open(config)) {
            assertThat(log.lastCheckpointLsn()).hasValue(2);
            assertThat(Cursors.drain(log.recover())).extracting(LogRecord::lsn).containsExactly(3L);
            assertThat(Cursors.drain(log.recoverAfter(-1))).extracting(LogRecord::lsn).containsExactly(0L, 1L, 3L);
            assertThat(Cursors.drain(log.read(2))).extracting(LogRecord::entry)
                    .containsExactly(new WalEntry.Checkpoint(2), upsert(3));
        }
    }

    @Test
    void truncationDeletesWholeLedgersBelowTheCheckpointAndReportsWhatIsGone() {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "truncate").maxEntryBytes(1024)
                .ledgerRolloverBytes(1024).build();
        try (BookKeeperWal log = open(config)) {
            for (int i = 0; i < 30; i++) {
                log.append(upsert(i));
            }
            assertThatThrownBy(() -> log.truncate(10)).isInstanceOf(IllegalArgumentException.class);
            long checkpoint = log.checkpoint();
            int deleted = log.truncate(checkpoint + 1);
            assertThat(deleted).isPositive();
            WalStats stats = log.stats();
            assertThat(stats.firstLsn()).isPositive();
            assertThatThrownBy(() -> Cursors.drain(log.read(0))).isInstanceOf(RecordsTruncatedException.class);
            assertThat(Cursors.drain(log.read(stats.firstLsn()))).isNotEmpty();
            assertThat(Cursors.drain(log.recover())).isEmpty();
        }
    }

    @Test
    void checkpointRecordsAndClosedLogsAreRefusedTyped() {
        BookKeeperWal log = open(Clusters.config(CLUSTER.get(), "refuse").build());
        assertThatThrownBy(() -> log.append(new WalEntry.Checkpoint(0))).isInstanceOf(EntryRejectedException.class);
        log.close();
        assertThatThrownBy(() -> log.append(upsert(0))).isInstanceOf(WalClosedException.class);
    }

    @Test
    void aBadLogNameIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> BookKeeperWalConfig.builder(CLUSTER.get().zooKeeperConnect(), "a/b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits");
    }

    @Test
    void statsCountWhatWasAppendedAndAcknowledged() {
        try (BookKeeperWal log = open(Clusters.config(CLUSTER.get(), "stats").build())) {
            log.appendBatch(List.of(upsert(0), upsert(1), upsert(2)));
            log.append(upsert(3));
            WalStats stats = log.stats();
            assertThat(stats.nextLsn()).isEqualTo(4);
            assertThat(stats.appendedSinceOpen()).isEqualTo(4);
            assertThat(stats.syncsSinceOpen()).isEqualTo(2);
            assertThat(stats.syncLatency().count()).isEqualTo(2);
            assertThat(stats.durableLsn()).isEqualTo(3);
            assertThat(stats.failed()).isFalse();
        }
    }
}
