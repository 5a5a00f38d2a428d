package dev.jwal.bookkeeper;

import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A log's metadata znode in ZooKeeper, read and changed by compare-and-set on the znode's version, over a session
 * of its own. The session is watched: once it expires, or ZooKeeper stays unreachable for the session timeout,
 * the loss is reported once to the listener (the log then fails) and every later call throws
 * {@link WalFailedException}. Thread safe.
 */
final class LogMetadataStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogMetadataStore.class);

    /** The metadata and the znode version it was read or written at. */
    record Versioned(LogMetadata metadata, int version) {
    }

    /** Another process changed the metadata since this one read it. */
    static final class ConflictException extends Exception {
        ConflictException(String message) {
            super(message);
        }
    }

    private final BookKeeperWalConfig config;
    private final String path;
    private final Consumer<WalException> sessionLost;
    private final ScheduledExecutorService timer;
    private final ZooKeeper zooKeeper;
    private final CountDownLatch connected = new CountDownLatch(1);
    private ScheduledFuture<?> disconnectTimeout;
    // Guarded by this: whether the session is connected now; waited for after a connection loss.
    private boolean isConnected;
    private volatile WalFailedException lost;
    private volatile boolean closing;

    /**
     * Connects, waiting up to the session timeout.
     *
     * @param sessionLost told once when the session is lost
     * @throws WalFailedException if ZooKeeper cannot be reached
     */
    LogMetadataStore(BookKeeperWalConfig config, Consumer<WalException> sessionLost) {
        this.config = config;
        this.path = config.logPath();
        this.sessionLost = sessionLost;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jwal-zk-session-" + config.logName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.zooKeeper = new ZooKeeper(config.zooKeeper(), (int) config.sessionTimeout().toMillis(), this::event);
            if (!connected.await(config.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                closeQuietly();
                throw new WalFailedException("cannot reach ZooKeeper at " + config.zooKeeper() + " within "
                        + config.sessionTimeout().toMillis() + " ms", null);
            }
        } catch (IOException e) {
            timer.shutdownNow();
            throw new WalFailedException("cannot connect to ZooKeeper at " + config.zooKeeper(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw new WalFailedException("interrupted while connecting to ZooKeeper at " + config.zooKeeper(), e);
        }
    }

    private synchronized void event(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None || closing) {
            return;
        }
        switch (event.getState()) {
            case SyncConnected, ConnectedReadOnly -> {
                connected.countDown();
                isConnected = true;
                notifyAll();
                if (disconnectTimeout != null) {
                    disconnectTimeout.cancel(false);
                    disconnectTimeout = null;
                }
            }
            case Disconnected -> {
                isConnected = false;
                if (disconnectTimeout == null) {
                    long millis = config.sessionTimeout().toMillis();
                    disconnectTimeout = timer.schedule(() -> lose("ZooKeeper at " + config.zooKeeper()
                            + " unreachable for " + millis + " ms, the session timeout"), millis, TimeUnit.MILLISECONDS);
                }
            }
            case Expired -> lose("the ZooKeeper session expired");
            case AuthFailed -> lose("ZooKeeper refused the session's authentication");
            case Closed -> { }
            default -> LOG.debug("ZooKeeper session state {}", event.getState());
        }
    }

    private void lose(String why) {
        WalFailedException failure;
        synchronized (this) {
            if (lost != null || closing) {
                return;
            }
            failure = new WalFailedException("lost the metadata session of log '" + config.logName() + "': " + why
                    + "; the log refuses appends until it is reopened", null);
            lost = failure;
            notifyAll();
        }
        LOG.error("{}", failure.getMessage());
        sessionLost.accept(failure);
    }

    /** The session's loss, if it was lost. */
    WalFailedException lost() {
        return lost;
    }

    /**
     * The log's metadata, if the log exists.
     *
     * @throws CorruptLogMetadataException if the znode holds something else
     */
    Optional<Versioned> read() {
        long deadline = System.nanoTime() + config.sessionTimeout().toNanos();
        while (true) {
            ensureSession();
            try {
                Stat stat = new Stat();
                byte[] data = zooKeeper.getData(path, false, stat);
                return Optional.of(new Versioned(LogMetadata.parse(data, path), stat.getVersion()));
            } catch (KeeperException.NoNodeException e) {
                return Optional.empty();
            } catch (KeeperException.ConnectionLossException e) {
                awaitReconnected(deadline, "reading", e);
            } catch (KeeperException e) {
                throw failed("reading", e);
            } catch (InterruptedException e) {
                throw interrupted("reading");
            }
        }
    }

    /** The log's metadata, creating an empty log (and the znodes above it) if there is none. */
    Versioned readOrCreate() {
        Optional<Versioned> existing = read();
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            createParents();
            zooKeeper.create(path, LogMetadata.empty().toBytes(path), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            LOG.info("created log '{}' at znode {}", config.logName(), path);
        } catch (KeeperException.NodeExistsException e) {
            LOG.debug("log '{}' was created concurrently", config.logName());
        } catch (KeeperException e) {
            throw failed("creating", e);
        } catch (InterruptedException e) {
            throw interrupted("creating");
        }
        return read().orElseThrow(() -> new WalFailedException("log znode " + path + " vanished right after it "
                + "was created", null));
    }

    private void createParents() throws KeeperException, InterruptedException {
        StringBuilder parent = new StringBuilder();
        String[] parts = config.logsRoot().substring(1).split("/");
        for (String part : parts) {
            parent.append('/').append(part);
            try {
                zooKeeper.create(parent.toString(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // Already there: nothing to do.
            }
        }
    }

    /**
     * Replaces the metadata if the znode is still at {@code version}.
     *
     * @return the new version
     * @throws ConflictException if another process changed or deleted it meanwhile
     */
    int compareAndSet(LogMetadata metadata, int version) throws ConflictException {
        byte[] bytes = metadata.toBytes(path);
        long deadline = System.nanoTime() + config.sessionTimeout().toNanos();
        boolean sentBefore = false;
        while (true) {
            ensureSession();
            try {
                return zooKeeper.setData(path, bytes, version).getVersion();
            } catch (KeeperException.ConnectionLossException e) {
                // The update may or may not have been applied: wait for the session, send it again, then find out.
                sentBefore = true;
                awaitReconnected(deadline, "updating", e);
            } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
                OptionalInt applied = sentBefore ? appliedBefore(bytes, version) : OptionalInt.empty();
                if (applied.isPresent()) {
                    return applied.getAsInt();
                }
                throw new ConflictException("the metadata of log '" + config.logName() + "' (znode " + path
                        + ") changed since version " + version + ": another writer opened the log");
            } catch (KeeperException e) {
                throw failed("updating", e);
            } catch (InterruptedException e) {
                throw interrupted("updating");
            }
        }
    }

    /**
     * After a connection loss during an update: the znode's version if it holds exactly {@code bytes} one version
     * after {@code version}, that is if the update sent before the loss was applied.
     */
    private OptionalInt appliedBefore(byte[] bytes, int version) {
        try {
            Stat stat = new Stat();
            byte[] now = zooKeeper.getData(path, false, stat);
            return stat.getVersion() == version + 1 && Arrays.equals(now, bytes)
                    ? OptionalInt.of(stat.getVersion()) : OptionalInt.empty();
        } catch (KeeperException.NoNodeException e) {
            return OptionalInt.empty();
        } catch (KeeperException e) {
            throw failed("reading back", e);
        } catch (InterruptedException e) {
            throw interrupted("reading back");
        }
    }

    /**
     * Waits for the session to connect again after {@code loss}, until {@code deadline} (the session timeout
     * after the call began); returns at once if the session is lost, which the caller's next check reports.
     *
     * @throws WalFailedException if ZooKeeper is still unreachable at the deadline
     */
    private void awaitReconnected(long deadline, String operation, KeeperException loss) {
        synchronized (this) {
            try {
                while (!isConnected && lost == null && !closing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw failed(operation, loss);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                throw interrupted(operation);
            }
        }
    }

    /** Deletes the log's znode if it is still at {@code version}. */
    void delete(int version) throws ConflictException {
        ensureSession();
        try {
            zooKeeper.delete(path, version);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw new ConflictException("the metadata of log '" + config.logName() + "' changed since version "
                    + version);
        } catch (KeeperException e) {
            throw failed("deleting", e);
        } catch (InterruptedException e) {
            throw interrupted("deleting");
        }
    }

    /** The ZooKeeper session's id and password, for tests that expire it. */
    long sessionId() {
        return zooKeeper.getSessionId();
    }

    byte[] sessionPassword() {
        return zooKeeper.getSessionPasswd();
    }

    private void ensureSession() {
        WalFailedException failure = lost;
        if (failure != null) {
            throw new WalFailedException(failure.getMessage(), failure);
        }
    }

    private WalFailedException failed(String operation, KeeperException e) {
        return new WalFailedException(operation + " the metadata of log '" + config.logName() + "' (znode " + path
                + ") failed: " + e.getMessage(), e);
    }

    private WalFailedException interrupted(String operation) {
        Thread.currentThread().interrupt();
        return new WalFailedException("interrupted while " + operation + " the metadata of log '"
                + config.logName() + "'", null);
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        timer.shutdownNow();
        try {
            zooKeeper.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("closing the ZooKeeper session of log '{}' failed", config.logName(), e);
        }
    }
}
