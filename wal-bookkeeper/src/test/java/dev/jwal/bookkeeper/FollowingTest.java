package dev.jwal.bookkeeper;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.api.error.WalFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Followers of a log on BookKeeper: every acknowledged record, in order, across ledgers, until the log ends. */
class FollowingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    @Test
    void aFollowerReadsEveryRecordOnceInOrderAcrossLedgersWhileAppendsGoOn() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "follow").maxEntryBytes(1024)
                .ledgerRolloverBytes(1024).build();
        try (BookKeeperWal log = BookKeeperWal.open(config); FollowCursor follower = log.follow(0)) {
            CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 150; i++) {
                    log.append(upsert(i));
                }
            });
            List<Long> lsns = new ArrayList<>();
            while (lsns.size() < 150) {
                Optional<LogRecord> record = follower.poll(PATIENCE);
                assertThat(record).as("record %d within %s", lsns.size(), PATIENCE).isPresent();
                assertThat(record.get().entry()).isEqualTo(upsert(lsns.size()));
                assertThat(record.get().lsn()).isLessThanOrEqualTo(log.durableLsn());
                lsns.add(record.get().lsn());
            }
            appending.join();
            assertThat(lsns).containsExactlyElementsOf(LongRangeList.of(0, 150));
            assertThat(log.stats().segmentCount()).isGreaterThan(1);
        }
    }

    @Test
    void durableLsnIsTheLastAcknowledgedRecord() {
        try (BookKeeperWal log = BookKeeperWal.open(Clusters.config(CLUSTER.get(), "durable").build())) {
            assertThat(log.durableLsn()).isEqualTo(-1);
            log.append(upsert(0));
            log.appendAsync(upsert(1)).join();
            assertThat(log.durableLsn()).isEqualTo(1);
        }
    }

    @Test
    void closingTheLogEndsAFollowerThatHasReadEverything() throws Exception {
        BookKeeperWal log = BookKeeperWal.open(Clusters.config(CLUSTER.get(), "follow-close").build());
        try (FollowCursor follower = log.follow(0)) {
            log.append(upsert(0));
            assertThat(follower.poll(PATIENCE)).map(LogRecord::lsn).contains(0L);
            log.close();
            assertThat(follower.hasNext()).isFalse();
            assertThat(follower.ended()).isTrue();
        }
    }

    @Test
    void aFencedWritersFollowerReadsWhatWasAcknowledgedThenFails() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "follow-fenced").build();
        try (BookKeeperWal first = BookKeeperWal.open(config); FollowCursor follower = first.follow(0)) {
            first.append(upsert(0));
            try (BookKeeperWal second = BookKeeperWal.open(config)) {
                assertThatThrownBy(() -> first.append(upsert(99))).isInstanceOf(WalFailedException.class);
                assertThat(follower.next().entry()).isEqualTo(upsert(0));
                assertThatThrownBy(follower::hasNext).isInstanceOf(WalFailedException.class);
                assertThat(second.nextLsn()).isEqualTo(1);
            }
        }
    }
}
