package dev.jwal.bookkeeper;

import dev.jwal.api.error.WalFailedException;
import org.apache.bookkeeper.client.api.BKException;
import org.apache.bookkeeper.client.api.BookKeeper;
import org.apache.bookkeeper.client.api.DigestType;
import org.apache.bookkeeper.client.api.ReadHandle;
import org.apache.bookkeeper.client.api.WriteHandle;
import org.apache.bookkeeper.conf.ClientConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The BookKeeper client of one log: creates, opens (with or without fencing) and deletes its ledgers, all with
 * the same digest (CRC32C, checked by the client on every read) and password. Thread safe.
 */
final class Ledgers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ledgers.class);
    /** Not a secret: it keeps other applications from opening jwal's ledgers by mistake. */
    private static final byte[] PASSWORD = "jwal".getBytes(StandardCharsets.US_ASCII);
    private static final DigestType DIGEST = DigestType.CRC32C;

    private final BookKeeperWalConfig config;
    private final BookKeeper client;

    /**
     * Connects to the cluster.
     *
     * @throws WalFailedException if the client cannot start (ZooKeeper unreachable, bad metadata service)
     */
    Ledgers(BookKeeperWalConfig config) {
        this.config = config;
        int timeoutSeconds = (int) Math.max(1, config.operationTimeout().toSeconds());
        ClientConfiguration client = new ClientConfiguration()
                .setAddEntryTimeout(timeoutSeconds)
                .setReadEntryTimeout(timeoutSeconds)
                // The default throttle caps adds at 5,000/s; the log's callers bound what is in flight themselves.
                .setThrottleValue(0)
                .setDelayEnsembleChange(config.continueOnAckQuorum())
                // Readers of an open ledger learn the last confirmed entry within a second even when no add follows.
                .setExplictLacInterval(1000);
        client.setMetadataServiceUri(config.metadataServiceUri());
        client.setZkTimeout((int) config.sessionTimeout().toMillis());
        try {
            this.client = BookKeeper.newBuilder(client).build();
        } catch (BKException | IOException e) {
            throw new WalFailedException("cannot start the BookKeeper client for " + config.metadataServiceUri()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalFailedException("interrupted while starting the BookKeeper client", e);
        }
    }

    /** The log and ledger, as exceptions and problem reports name them. */
    Path place(long ledgerId) {
        return Path.of(config.logName(), "ledger-" + ledgerId);
    }

    /** A new ledger for records from {@code firstLsn} on, replicated as configured. */
    WriteHandle create(long firstLsn) {
        return await(client.newCreateLedgerOp()
                .withEnsembleSize(config.ensembleSize())
                .withWriteQuorumSize(config.writeQuorumSize())
                .withAckQuorumSize(config.ackQuorumSize())
                .withDigestType(DIGEST)
                .withPassword(PASSWORD)
                .withCustomMetadata(Map.of(
                        "application", "jwal".getBytes(StandardCharsets.UTF_8),
                        "jwal-log", config.logName().getBytes(StandardCharsets.UTF_8),
                        "jwal-first-lsn", Long.toString(firstLsn).getBytes(StandardCharsets.UTF_8)))
                .execute(), "creating a ledger", Path.of(config.logName()));
    }

    /**
     * Opens a ledger for reading. With {@code recover}, fences it first: its writer can add nothing more, and the
     * entries its ack quorum acknowledged are made final (the ledger is closed at its last such entry).
     */
    ReadHandle open(long ledgerId, boolean recover) {
        return await(client.newOpenLedgerOp()
                .withLedgerId(ledgerId)
                .withRecovery(recover)
                .withDigestType(DIGEST)
                .withPassword(PASSWORD)
                .execute(), recover ? "recovering (fencing)" : "opening", place(ledgerId));
    }

    /** Deletes a ledger; one already gone counts as deleted. */
    void delete(long ledgerId) {
        try {
            await(client.newDeleteLedgerOp().withLedgerId(ledgerId).execute(), "deleting", place(ledgerId));
        } catch (RuntimeException e) {
            if (!BookKeeperFailures.noSuchLedger(e.getCause() != null ? e.getCause() : e)) {
                throw e;
            }
            LOG.debug("ledger {} was already deleted", ledgerId);
        }
    }

    /**
     * Waits for an operation, at most the operation timeout.
     *
     * @throws dev.jwal.api.error.WalException typed by {@link BookKeeperFailures}
     */
    <T> T await(CompletableFuture<T> operation, String what, Path place) {
        try {
            return operation.get(config.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BookKeeperFailures.of(what, place, new IOException("interrupted", e));
        } catch (TimeoutException e) {
            throw BookKeeperFailures.of(what, place, new IOException("timed out after "
                    + config.operationTimeout().toMillis() + " ms", e));
        } catch (java.util.concurrent.ExecutionException e) {
            throw BookKeeperFailures.of(what, place, e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (BKException e) {
            LOG.warn("closing the BookKeeper client of log '{}' failed", config.logName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
