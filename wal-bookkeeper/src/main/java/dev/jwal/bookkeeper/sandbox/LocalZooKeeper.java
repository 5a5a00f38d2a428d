package dev.jwal.bookkeeper.sandbox;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A standalone ZooKeeper server in this JVM, from ZooKeeper's own classes, on 127.0.0.1: for tests and
 * {@code wal sandbox}, never for production. Its data lives under a directory, so a server stopped and started
 * again on the same port keeps every znode. Needs {@code io.dropwizard.metrics:metrics-core} and
 * {@code org.xerial.snappy:snappy-java} on the class path (ZooKeeper marks them provided). Not thread safe.
 */
public final class LocalZooKeeper implements AutoCloseable {
    private static final int TICK_MILLIS = 500;
    private static final int MAX_CONNECTIONS = 1000;

    private final Path directory;
    private int port;
    private ZooKeeperServer server;
    private ServerCnxnFactory connections;

    /**
     * A server that keeps its data under {@code directory}.
     *
     * @param directory created if missing
     * @param port      the port to listen on, 0 for any free one
     */
    public LocalZooKeeper(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts the server; after a {@link #stop()}, on the same port as before.
     *
     * @throws IOException if the directory or the port cannot be used
     */
    public void start() throws IOException {
        if (server != null) {
            return;
        }
        Files.createDirectories(directory);
        // A log directory with transaction logs but no snapshot yet (a server killed early) is still ours.
        System.setProperty("zookeeper.snapshot.trust.empty", "true");
        ZooKeeperServer created = new ZooKeeperServer(directory.resolve("snapshots").toFile(),
                directory.resolve("transactions").toFile(), TICK_MILLIS);
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port),
                MAX_CONNECTIONS);
        try {
            factory.startup(created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            factory.shutdown();
            throw new IOException("interrupted while starting ZooKeeper", e);
        }
        server = created;
        connections = factory;
        port = factory.getLocalPort();
    }

    /** Stops the server, keeping its data; clients see it disconnect. */
    public void stop() {
        if (server == null) {
            return;
        }
        connections.shutdown();
        server.shutdown();
        server = null;
        connections = null;
    }

    /**
     * The port it listens on.
     *
     * @return the port, fixed once started
     */
    public int port() {
        return port;
    }

    /**
     * The connect string of this server.
     *
     * @return {@code 127.0.0.1:port}
     */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** Stops the server. */
    @Override
    public void close() {
        stop();
    }
}
