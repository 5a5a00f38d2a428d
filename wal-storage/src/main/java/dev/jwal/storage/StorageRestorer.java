package dev.jwal.storage;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a store when a {@link WalStorage} opens: the newest valid snapshot whose log tail is still
 * there, then the log from that snapshot's LSN; without one, the whole log from LSN 0. The replay is the
 * log's own recovery from that LSN ({@link WriteAheadLog#recoverAfter}): streamed, and an entry counts only
 * if every transaction around it commits.
 *
 * <p>Snapshots are tried newest first. A damaged one ({@link SnapshotCorruptException}) is set aside as
 * {@code *.broken} and the next older one is tried; a valid one whose first LSN to replay the log no
 * longer holds is passed over. A snapshot ahead of the log (it reflects records the log does not have)
 * means the log lost durable records, and stops the restore rather than reuse their LSNs. A valid snapshot
 * that names another log ({@link SnapshotHeader#logIdentity()}) stops it too ({@link ForeignSnapshotException});
 * one of format version 1 names none and is taken as this log's.
 */
final class StorageRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRestorer.class);

    private StorageRestorer() {
    }

    /**
     * What the restore used.
     *
     * @param snapshot   the snapshot loaded, or null when the log was replayed from LSN 0
     * @param replayFrom the LSN the replay started at
     * @param replayed   log entries applied
     */
    record Restored(Path snapshot, long replayFrom, long replayed) {
    }

    /**
     * @param target       an empty store
     * @param logDirectory where the log is, for messages
     * @throws ForeignSnapshotException if a snapshot tried was taken of another log
     * @throws StorageRecoveryException if no snapshot and log combination is available, or a record cannot be
     *                                  applied
     * @throws WalIOException           if a snapshot cannot be read
     */
    static Restored restore(WriteAheadLog log, Path logDirectory, VectorStorage target, SnapshotFiles snapshots) {
        long nextLsn = log.nextLsn();
        List<RuntimeException> problems = new ArrayList<>();
        for (SnapshotFiles.SnapshotFile candidate : list(snapshots)) {
            boolean aheadOfLog = candidate.replayFrom() > nextLsn;
            SnapshotHeader header;
            try {
                header = SnapshotReader.verify(candidate.path(), candidate.replayFrom());
            } catch (SnapshotCorruptException e) {
                if (aheadOfLog) {
                    throw aheadOfLog(candidate, nextLsn, e);
                }
                LOG.warn("{}; falling back to an older snapshot", e.getMessage());
                problems.add(e);
                setAside(snapshots, candidate);
                continue;
            } catch (IOException e) {
                throw new WalIOException("reading a snapshot", candidate.path(), e);
            }
            if (!header.mayBelongTo(snapshots.logIdentity())) {
                throw new ForeignSnapshotException(candidate.path(), header.logIdentity(), logDirectory,
                        snapshots.logIdentity());
            }
            if (aheadOfLog) {
                throw aheadOfLog(candidate, nextLsn, null);
            }
            if (!logHolds(log, candidate.replayFrom())) {
                problems.add(new StorageRecoveryException("snapshot " + candidate.path() + " is valid, but the log no "
                        + "longer holds LSN " + candidate.replayFrom() + ", where its replay must start"));
                continue;
            }
            try {
                SnapshotReader.load(candidate.path(), header, target);
            } catch (IOException e) {
                throw new WalIOException("reading a snapshot", candidate.path(), e);
            }
            return new Restored(candidate.path(), candidate.replayFrom(), replay(log, candidate.replayFrom(), target));
        }
        if (logHolds(log, 0)) {
            if (!problems.isEmpty()) {
                LOG.warn("no usable snapshot; the log still starts at LSN 0, so all of it is replayed");
            }
            return new Restored(null, 0, replay(log, 0, target));
        }
        StorageRecoveryException failure = new StorageRecoveryException("cannot restore the store: "
                + (problems.isEmpty() ? "there is no snapshot in " + snapshots.directory()
                : "no snapshot in " + snapshots.directory() + " is usable (" + problems.size() + " tried)")
                + ", and the log no longer starts at LSN 0 (it was truncated after a checkpoint), so replaying it "
                + "alone would lose data. Restore a snapshot from a backup, or move the log aside to start empty.");
        problems.forEach(failure::addSuppressed);
        throw failure;
    }

    private static StorageRecoveryException aheadOfLog(SnapshotFiles.SnapshotFile snapshot, long nextLsn,
                                                       SnapshotCorruptException damage) {
        StorageRecoveryException failure = new StorageRecoveryException("snapshot " + snapshot.path() + " reflects "
                + "the log up to LSN " + (snapshot.replayFrom() - 1) + ", but the log ends before that (its next LSN "
                + "is " + nextLsn + "): records that were durable are missing from the log (deleted segments, or a log "
                + "restored from an older backup?)");
        if (damage != null) {
            failure.addSuppressed(damage);
        }
        return failure;
    }

    /**
     * Applies to {@code target} what recovery replays from {@code fromLsn} on.
     *
     * @return the number of entries applied
     * @throws StorageRecoveryException if the store refuses an entry, naming its LSN
     */
    private static long replay(WriteAheadLog log, long fromLsn, VectorStorage target) {
        long applied = 0;
        try (RecordCursor records = log.recoverAfter(fromLsn - 1)) {
            while (records.hasNext()) {
                LogRecord record = records.next();
                try {
                    EntryApplier.apply(target, record.entry());
                } catch (StorageException e) {
                    throw new StorageRecoveryException("the log record at LSN " + record.lsn() + " cannot be applied "
                            + "to the store: " + e.getMessage() + " (the log holds an operation the store refuses; was "
                            + "it written by something other than WalStorage?)", e);
                }
                applied++;
            }
        }
        return applied;
    }

    /** Whether the log holds the record at {@code lsn} (or ends just before it, so nothing is missing). */
    static boolean logHolds(WriteAheadLog log, long lsn) {
        long next = log.nextLsn();
        if (lsn == next) {
            return true;
        }
        long first = log.stats().firstLsn();
        return first >= 0 && first <= lsn && lsn < next;
    }

    private static List<SnapshotFiles.SnapshotFile> list(SnapshotFiles snapshots) {
        try {
            return snapshots.list();
        } catch (IOException e) {
            throw new WalIOException("listing the snapshots", snapshots.directory(), e);
        }
    }

    private static void setAside(SnapshotFiles snapshots, SnapshotFiles.SnapshotFile damaged) {
        try {
            snapshots.setAside(damaged);
        } catch (IOException e) {
            throw new WalIOException("setting a damaged snapshot aside", damaged.path(), e);
        }
    }
}
