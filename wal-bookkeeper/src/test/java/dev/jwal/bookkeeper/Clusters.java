package dev.jwal.bookkeeper;

import dev.jwal.bookkeeper.sandbox.LocalCluster;

import java.util.concurrent.atomic.AtomicInteger;

/** Starting in-process clusters and naming logs for the tests. */
final class Clusters {
    private static final AtomicInteger LOGS = new AtomicInteger();

    private Clusters() {
    }

    /** A log name no other test uses. */
    static String freshLogName(String prefix) {
        return prefix + "-" + LOGS.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    /** The default settings for a fresh log on {@code cluster}, with short timeouts for tests. */
    static BookKeeperWalConfig.Builder config(LocalCluster cluster, String prefix) {
        return BookKeeperWalConfig.builder(cluster.zooKeeperConnect(), freshLogName(prefix))
                .operationTimeout(java.time.Duration.ofSeconds(10))
                .sessionTimeout(java.time.Duration.ofSeconds(4));
    }
}
