package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalFencedException;
import dev.jwal.testkit.Cursors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer at a time, enforced by the cluster: the newest opener fences the previous writer. */
class FencingTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    @Test
    void aSecondWriterFencesTheFirstWhoseNextAppendFailsTyped() {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "fence").build();
        try (BookKeeperWal first = BookKeeperWal.open(config)) {
            first.append(upsert(0));
            first.append(upsert(1));
            try (BookKeeperWal second = BookKeeperWal.open(config)) {
                assertThat(second.nextLsn()).isEqualTo(2);
                assertThatThrownBy(() -> first.append(upsert(99))).isInstanceOf(WalFencedException.class);
                assertThatThrownBy(() -> first.append(upsert(99))).isInstanceOf(WalFencedException.class)
                        .isInstanceOf(WalFailedException.class);
                assertThat(first.stats().failed()).isTrue();
                assertThat(second.append(upsert(2))).isEqualTo(2);
                assertThat(Cursors.drain(second.read(0))).extracting(LogRecord::entry)
                        .containsExactly(upsert(0), upsert(1), upsert(2));
            }
        }
    }

    @Test
    void aFencedWritersAsyncAppendsCompleteExceptionallyAndNothingOfThemIsRead() {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "fence-async").build();
        try (BookKeeperWal first = BookKeeperWal.open(config)) {
            first.append(upsert(0));
            try (BookKeeperWal second = BookKeeperWal.open(config)) {
                CompletableFuture<Long> late = first.appendAsync(upsert(1));
                assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(WalFencedException.class);
                second.append(upsert(2));
                List<LogRecord> records = Cursors.drain(second.read(0));
                assertThat(records).extracting(LogRecord::entry).containsExactly(upsert(0), upsert(2));
                assertThat(records).extracting(LogRecord::lsn).containsExactly(0L, 1L);
            }
        }
    }

    @Test
    void aFencedWriterCannotCheckpointOrTruncate() {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "fence-meta").build();
        try (BookKeeperWal first = BookKeeperWal.open(config)) {
            first.append(upsert(0));
            try (BookKeeperWal second = BookKeeperWal.open(config)) {
                assertThatThrownBy(first::checkpoint).isInstanceOf(WalFencedException.class);
                assertThat(second.lastCheckpointLsn()).isEmpty();
            }
        }
    }
}
