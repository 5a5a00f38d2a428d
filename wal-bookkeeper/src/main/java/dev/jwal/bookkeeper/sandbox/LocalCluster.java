package dev.jwal.bookkeeper.sandbox;

import org.apache.bookkeeper.client.BookKeeperAdmin;
import org.apache.bookkeeper.conf.ServerConfiguration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A BookKeeper cluster in this JVM: a ZooKeeper server and bookies, each stoppable and restartable, with all data
 * under one directory (kept across restarts). For tests and {@code wal sandbox}; see {@link LocalBookie} for what
 * the JVM needs. Not thread safe.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path directory;
    private final LocalZooKeeper zooKeeper;
    private final List<LocalBookie> bookies = new ArrayList<>();

    private LocalCluster(Path directory, LocalZooKeeper zooKeeper) {
        this.directory = directory;
        this.zooKeeper = zooKeeper;
    }

    /**
     * Starts ZooKeeper, creates the cluster's metadata if it has none, and starts {@code bookies} bookies.
     *
     * @param directory     where everything keeps its data, created if missing
     * @param zooKeeperPort ZooKeeper's port, 0 for a free one
     * @param bookies       how many bookies, 0 or more
     * @return the running cluster
     * @throws IOException if any part fails to start (what started is stopped)
     */
    public static LocalCluster start(Path directory, int zooKeeperPort, int bookies) throws IOException {
        LocalZooKeeper zooKeeper = new LocalZooKeeper(directory.resolve("zookeeper"), zooKeeperPort);
        zooKeeper.start();
        LocalCluster cluster = new LocalCluster(directory, zooKeeper);
        try {
            initialize(zooKeeper.connectString());
            for (int i = 0; i < bookies; i++) {
                cluster.addBookie();
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Creates BookKeeper's metadata in a ZooKeeper that has none; leaves existing metadata alone.
     *
     * @param zooKeeper {@code host:port}
     * @throws IOException if ZooKeeper cannot be reached
     */
    public static void initialize(String zooKeeper) throws IOException {
        ServerConfiguration conf = new ServerConfiguration();
        conf.setMetadataServiceUri("zk+null://" + zooKeeper + "/ledgers");
        try {
            BookKeeperAdmin.initNewCluster(conf);
        } catch (Exception e) {
            throw new IOException("cannot create the cluster's metadata in ZooKeeper at " + zooKeeper + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts one more bookie, its data under {@code bookie-N} of the cluster's directory.
     *
     * @return the bookie
     * @throws IOException if it cannot start
     */
    public LocalBookie addBookie() throws IOException {
        LocalBookie bookie = new LocalBookie(directory.resolve("bookie-" + bookies.size()),
                zooKeeper.connectString(), 0);
        bookie.start();
        bookies.add(bookie);
        return bookie;
    }

    /**
     * The bookies, in the order they were added.
     *
     * @return the bookies, running or stopped
     */
    public List<LocalBookie> bookies() {
        return List.copyOf(bookies);
    }

    /**
     * The ZooKeeper server.
     *
     * @return the server
     */
    public LocalZooKeeper zooKeeper() {
        return zooKeeper;
    }

    /**
     * The connect string of the cluster's ZooKeeper.
     *
     * @return {@code 127.0.0.1:port}
     */
    public String zooKeeperConnect() {
        return zooKeeper.connectString();
    }

    /**
     * Starts every stopped part again, ZooKeeper first.
     *
     * @throws IOException if one cannot start
     */
    public void startAll() throws IOException {
        zooKeeper.start();
        for (LocalBookie bookie : bookies) {
            bookie.start();
        }
    }

    /** Stops the bookies, then ZooKeeper; the data stays for {@link #startAll()}. */
    public void stopAll() {
        for (LocalBookie bookie : bookies) {
            bookie.stop();
        }
        zooKeeper.stop();
    }

    /** Stops everything. */
    @Override
    public void close() {
        stopAll();
    }
}
