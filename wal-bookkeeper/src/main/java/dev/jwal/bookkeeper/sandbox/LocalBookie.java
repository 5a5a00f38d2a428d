package dev.jwal.bookkeeper.sandbox;

import org.apache.bookkeeper.common.component.LifecycleComponentStack;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.server.EmbeddedServer;
import org.apache.bookkeeper.server.conf.BookieConfiguration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One BookKeeper bookie in this JVM, from BookKeeper's own server classes, on 127.0.0.1: for tests and
 * {@code wal sandbox}, never for production. Its journal and ledgers live under a directory and it keeps its port,
 * so a bookie stopped and started again is the same bookie with the same entries. Uses the sorted ledger storage
 * (no RocksDB) and fsyncs its journal before acknowledging, BookKeeper's default. The JVM needs
 * {@code --add-opens java.base/java.io=ALL-UNNAMED} on Java 17 and {@code -Djava.net.preferIPv4Stack=true}.
 * Not thread safe.
 */
public final class LocalBookie implements AutoCloseable {
    private final Path directory;
    private final String metadataServiceUri;
    private final int port;
    private LifecycleComponentStack running;

    /**
     * A bookie of the cluster whose ZooKeeper is {@code zooKeeper}, keeping its data under {@code directory}.
     *
     * @param directory created if missing
     * @param zooKeeper {@code host:port}
     * @param port      the bookie's port, 0 for a free one chosen now and kept
     * @throws IOException if no free port is found
     */
    public LocalBookie(Path directory, String zooKeeper, int port) throws IOException {
        this.directory = directory;
        this.metadataServiceUri = "zk+null://" + zooKeeper + "/ledgers";
        this.port = port != 0 ? port : freePort();
    }

    /** A port free now, on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the bookie; the cluster's metadata must exist ({@link LocalCluster} creates it).
     *
     * @throws IOException if it cannot start, with BookKeeper's reason
     */
    public void start() throws IOException {
        if (running != null) {
            return;
        }
        Files.createDirectories(directory);
        ServerConfiguration conf = new ServerConfiguration();
        conf.setMetadataServiceUri(metadataServiceUri);
        conf.setBookiePort(port);
        conf.setAllowLoopback(true);
        conf.setAdvertisedAddress("127.0.0.1");
        conf.setJournalDirName(directory.resolve("journal").toString());
        conf.setLedgerDirNames(new String[] {directory.resolve("ledgers").toString()});
        conf.setLedgerStorageClass("org.apache.bookkeeper.bookie.SortedLedgerStorage");
        conf.setHttpServerEnabled(false);
        conf.setAutoRecoveryDaemonEnabled(false);
        // A shared test machine's disk may be fuller than BookKeeper's 95% default, which makes bookies read-only.
        conf.setDiskUsageThreshold(0.999f);
        conf.setDiskUsageWarnThreshold(0.998f);
        conf.setMinUsableSizeForEntryLogCreation(0);
        conf.setSkipListSizeLimit(8 * 1024 * 1024);
        conf.setJournalWriteBufferSizeKB(64);
        conf.setProperty("journalPreAllocSizeMB", 4);
        conf.setProperty("entryLogSizeLimit", 64L * 1024 * 1024);
        try {
            EmbeddedServer server = EmbeddedServer.builder(new BookieConfiguration(conf)).build();
            LifecycleComponentStack stack = server.getLifecycleComponentStack();
            stack.start();
            running = stack;
        } catch (Exception e) {
            throw new IOException("bookie on port " + port + " did not start: " + e.getMessage(), e);
        }
    }

    /** Stops the bookie, keeping its data; its clients see it go away. */
    public void stop() {
        if (running == null) {
            return;
        }
        running.close();
        running = null;
    }

    /**
     * Whether it runs.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return running != null;
    }

    /**
     * Its port.
     *
     * @return the port, the same across restarts
     */
    public int port() {
        return port;
    }

    /** Stops the bookie. */
    @Override
    public void close() {
        stop();
    }
}
