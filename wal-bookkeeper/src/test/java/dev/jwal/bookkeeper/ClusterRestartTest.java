package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.bookkeeper.sandbox.LocalCluster;
import dev.jwal.testkit.Cursors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** Stopping and starting the whole cluster (ZooKeeper and every bookie) keeps the log. */
class ClusterRestartTest {
    @TempDir
    static Path directory;
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Clusters.start(directory, 3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aWholeClusterRestartKeepsEveryRecordAndTheCheckpoint() throws Exception {
        BookKeeperWalConfig config = Clusters.config(cluster, "restart").build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            log.append(upsert(0));
            log.checkpoint();
            log.append(upsert(2));
        }
        cluster.stopAll();
        cluster.startAll();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            assertThat(log.lastCheckpointLsn()).hasValue(1);
            assertThat(Cursors.drain(log.recover())).extracting(LogRecord::entry).containsExactly(upsert(2));
            assertThat(log.append(upsert(3))).isEqualTo(3);
            List<LogRecord> all = Cursors.drain(log.read(0));
            assertThat(all).extracting(LogRecord::lsn).containsExactly(0L, 1L, 2L, 3L);
        }
    }
}
