package dev.jwal.bookkeeper;

import dev.jwal.api.error.WalFailedException;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Losing the ZooKeeper session fails the log typed, as a failed fsync does; it never goes on silently. */
class SessionLossTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    @Test
    void anExpiredSessionFailsTheLog() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "expire").build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            log.append(upsert(0));
            expire(log.metadataSessionId(), log.metadataSessionPassword());
            await().atMost(Duration.ofSeconds(20)).until(() -> log.stats().failed());
            assertThatThrownBy(() -> log.append(upsert(1))).isInstanceOf(WalFailedException.class)
                    .hasMessageContaining("session expired");
        }
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            assertThat(log.nextLsn()).isEqualTo(1);
        }
    }

    @Test
    void zooKeeperUnreachableForTheSessionTimeoutFailsTheLog() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "unreachable").build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            log.append(upsert(0));
            CLUSTER.get().zooKeeper().stop();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> log.stats().failed());
                assertThatThrownBy(() -> log.append(upsert(1))).isInstanceOf(WalFailedException.class)
                        .hasMessageContaining("unreachable");
            } finally {
                CLUSTER.get().zooKeeper().start();
            }
        }
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            assertThat(log.nextLsn()).isEqualTo(1);
        }
    }

    @Test
    void aZooKeeperOutageShorterThanTheSessionTimeoutIsRiddenOut() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "blip").sessionTimeout(Duration.ofSeconds(20))
                .build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            log.append(upsert(0));
            CLUSTER.get().zooKeeper().stop();
            try {
                // Adds need no ZooKeeper: the bookies take them while it is away.
                assertThat(log.append(upsert(1))).isEqualTo(1);
            } finally {
                CLUSTER.get().zooKeeper().start();
            }
            long checkpoint = log.checkpoint();
            assertThat(log.stats().failed()).isFalse();
            assertThat(log.lastCheckpointLsn()).hasValue(checkpoint);
        }
    }

    /** Expires a session the way ZooKeeper's own tests do: a second client on the same session closes it. */
    private static void expire(long sessionId, byte[] password) throws Exception {
        ZooKeeper twin = new ZooKeeper(CLUSTER.get().zooKeeperConnect(), 4000, event -> { }, sessionId, password);
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.getState().isConnected());
        twin.close();
    }
}
