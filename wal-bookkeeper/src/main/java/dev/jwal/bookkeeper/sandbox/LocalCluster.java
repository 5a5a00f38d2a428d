package dev.jwal.bookkeeper.sandbox;

import org.apache.bookkeeper.client.BookKeeperAdmin;
import org.apache.bookkeeper.conf.ServerConfiguration;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A BookKeeper cluster in this JVM: a ZooKeeper server and bookies, each stoppable and restartable, with all data
 * under one directory (kept across restarts, even of the process: each part writes its port in a {@code port} file
 * beside its data and takes it again). Or bookies alone, joining a cluster another process runs. For tests and
 * {@code wal sandbox}; see {@link LocalBookie} for what the JVM needs. Not thread safe.
 */
public final class LocalCluster implements AutoCloseable {
    private static final String PORT_FILE = "port";

    private final Path directory;
    private final LocalZooKeeper zooKeeper;
    private final String zooKeeperConnect;
    private final List<LocalBookie> bookies = new ArrayList<>();

    private LocalCluster(Path directory, LocalZooKeeper zooKeeper, String zooKeeperConnect) {
        this.directory = directory;
        this.zooKeeper = zooKeeper;
        this.zooKeeperConnect = zooKeeperConnect;
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
        Path zooKeeperDirectory = directory.resolve("zookeeper");
        int port = zooKeeperPort != 0 ? zooKeeperPort : savedPort(zooKeeperDirectory);
        LocalZooKeeper zooKeeper = new LocalZooKeeper(zooKeeperDirectory, port);
        zooKeeper.start();
        savePort(zooKeeperDirectory, zooKeeper.port());
        LocalCluster cluster = new LocalCluster(directory, zooKeeper, zooKeeper.connectString());
        return cluster.withBookies(bookies);
    }

    /**
     * Starts {@code bookies} bookies for the cluster whose ZooKeeper is {@code zooKeeper}, run by another process.
     *
     * @param directory where the bookies keep their data, created if missing
     * @param zooKeeper {@code host:port}
     * @param bookies   how many
     * @return the bookies, as a cluster without a ZooKeeper of its own
     * @throws IOException if one fails to start (what started is stopped)
     */
    public static LocalCluster join(Path directory, String zooKeeper, int bookies) throws IOException {
        return new LocalCluster(directory, null, zooKeeper).withBookies(bookies);
    }

    private LocalCluster withBookies(int count) throws IOException {
        try {
            initialize(zooKeeperConnect);
            for (int i = 0; i < count; i++) {
                addBookie();
            }
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port saved beside a part's data by an earlier run, or 0. */
    private static int savedPort(Path partDirectory) throws IOException {
        Path file = partDirectory.resolve(PORT_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + text + "', not a port", e);
        }
    }

    private static void savePort(Path partDirectory, int port) throws IOException {
        Files.writeString(partDirectory.resolve(PORT_FILE), port + "\n", StandardCharsets.US_ASCII);
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
            if (!initialized(zooKeeper)) {
                BookKeeperAdmin.initNewCluster(conf);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the cluster's metadata", e);
        } catch (Exception e) {
            throw new IOException("cannot create the cluster's metadata in ZooKeeper at " + zooKeeper + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether the cluster's metadata exists (its instance id), so that a restart does not try to create it again. */
    private static boolean initialized(String zooKeeper) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(zooKeeper, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IOException("cannot reach ZooKeeper at " + zooKeeper);
            }
            return client.exists("/ledgers/INSTANCEID", false) != null;
        } catch (KeeperException e) {
            throw new IOException("cannot read the cluster's metadata in ZooKeeper at " + zooKeeper, e);
        } finally {
            client.close();
        }
    }

    /**
     * Starts one more bookie, its data under {@code bookie-N} of the cluster's directory.
     *
     * @return the bookie
     * @throws IOException if it cannot start
     */
    public LocalBookie addBookie() throws IOException {
        Path bookieDirectory = directory.resolve("bookie-" + bookies.size());
        LocalBookie bookie = new LocalBookie(bookieDirectory, zooKeeperConnect, savedPort(bookieDirectory));
        bookie.start();
        savePort(bookieDirectory, bookie.port());
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
     * @return the server; null for bookies that joined another process's cluster
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
        return zooKeeperConnect;
    }

    /**
     * Starts every stopped part again, ZooKeeper first.
     *
     * @throws IOException if one cannot start
     */
    public void startAll() throws IOException {
        if (zooKeeper != null) {
            zooKeeper.start();
        }
        for (LocalBookie bookie : bookies) {
            bookie.start();
        }
    }

    /** Stops the bookies, then ZooKeeper; the data stays for {@link #startAll()}. */
    public void stopAll() {
        for (LocalBookie bookie : bookies) {
            bookie.stop();
        }
        if (zooKeeper != null) {
            zooKeeper.stop();
        }
    }

    /** Stops everything. */
    @Override
    public void close() {
        stopAll();
    }
}
