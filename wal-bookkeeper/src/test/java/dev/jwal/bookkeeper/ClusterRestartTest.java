package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.testkit.Cursors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** Stopping and starting the whole cluster (ZooKeeper and every bookie) keeps the log. */
class ClusterRestartTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    @Test
    void aWholeClusterRestartKeepsEveryRecordAndTheCheckpoint() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "restart").build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            log.append(upsert(0));
            log.checkpoint();
            log.append(upsert(2));
        }
        CLUSTER.get().stopAll();
        CLUSTER.get().startAll();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            assertThat(log.lastCheckpointLsn()).hasValue(1);
            assertThat(Cursors.drain(log.recover())).extracting(LogRecord::entry).containsExactly(upsert(2));
            assertThat(log.append(upsert(3))).isEqualTo(3);
            List<LogRecord> all = Cursors.drain(log.read(0));
            assertThat(all).extracting(LogRecord::lsn).containsExactly(0L, 1L, 2L, 3L);
        }
    }
}
