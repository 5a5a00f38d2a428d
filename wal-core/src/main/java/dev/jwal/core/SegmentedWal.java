package dev.jwal.core;

import dev.jwal.api.LsnRange;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.index.SegmentIndexFile;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.write.Durability;
import dev.jwal.core.write.LogWriter;
import dev.jwal.core.write.WritePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link WriteAheadLog} on a directory of segment files. Coordinates the
 * parts: the {@link EntryEncoder} encodes in the caller's thread, the
 * {@link WritePath} writes and makes durable as the sync policy says,
 * {@link LogFiles} reads, {@link CheckpointFile} persists checkpoints, the
 * {@link TxnBoundaryRecorder} keeps the transaction-boundary hint. Thread safe.
 */
final class SegmentedWal implements WriteAheadLog {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedWal.class);

    private final WalConfig config;
    private final LogFileSystem fs;
    private final EntryEncoder encoder;
    private final LogFiles files;
    private final WritePath write;
    private final LogWriter writer;
    private final Durability durability;
    private final DirectoryLock lock;
    private final TxnBoundaryRecorder boundaries;
    private final Object checkpointMonitor = new Object();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong sinceCheckpoint = new AtomicLong();
    /** Calls that failed on a failed write, force or file operation; see {@link WalStats#failuresSinceOpen()}. */
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    /**
     * The parts an opened log is made of.
     *
     * @param files      the read side
     * @param write      the write side
     * @param lock       the directory lock, released at close
     * @param boundaries the transaction-boundary hint
     */
    record Parts(LogFiles files, WritePath write, DirectoryLock lock, TxnBoundaryRecorder boundaries) {
    }

    SegmentedWal(WalConfig config, LogFileSystem fs, EntryEncoder encoder, Parts parts) {
        this.config = config;
        this.fs = fs;
        this.encoder = encoder;
        this.files = parts.files();
        this.write = parts.write();
        this.writer = write.writer();
        this.durability = write.durability();
        this.lock = parts.lock();
        this.boundaries = parts.boundaries();
    }

    @Override
    public long append(WalEntry entry) {
        byte[] payload = encodeAppendable(entry);
        ensureOpen();
        stopBoundariesIfMarker(entry);
        long lsn;
        try {
            lsn = durability.append(List.of(payload));
        } catch (WalIOException | WalFailedException e) {
            throw countedFailure(e);
        }
        count(1);
        return lsn;
    }

    @Override
    public CompletableFuture<Long> appendAsync(WalEntry entry) {
        byte[] payload = encodeAppendable(entry);
        ensureOpen();
        stopBoundariesIfMarker(entry);
        // Counted, and the checkpoint listener told, once the entry is durable: before the future completes.
        CompletableFuture<Long> durable;
        try {
            durable = durability.appendAsync(payload);
        } catch (WalIOException | WalFailedException e) {
            throw countedFailure(e);
        }
        return durable.whenComplete((lsn, failure) -> {
            if (failure == null) {
                count(1);
            } else if (isWriteFailure(failure)) {
                failures.incrementAndGet();
            }
        });
    }

    @Override
    public LsnRange appendBatch(List<? extends WalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one entry");
        }
        List<byte[]> payloads = new ArrayList<>(entries.size());
        boolean markers = false;
        for (WalEntry entry : entries) {
            payloads.add(encodeAppendable(entry));
            markers |= entry.isMarker();
        }
        ensureOpen();
        if (markers) {
            boundaries.stop();
        }
        return writeAll(payloads);
    }

    @Override
    public LsnRange appendTransaction(long txnId, List<? extends WalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        List<byte[]> payloads = new ArrayList<>(entries.size() + 2);
        payloads.add(encoder.encode(new WalEntry.TxnBegin(txnId)));
        for (WalEntry entry : entries) {
            Objects.requireNonNull(entry, "a transaction entry is null");
            if (entry.isMarker()) {
                throw new EntryRejectedException("a transaction holds data entries only, not " + entry);
            }
            payloads.add(encoder.encode(entry));
        }
        payloads.add(encoder.encode(new WalEntry.TxnCommit(txnId)));
        ensureOpen();
        // A transaction is one batch, never split across segments: the boundary hint stays true.
        return writeAll(payloads);
    }

    /** Writes the payloads as consecutive records, durable as the sync policy says, and counts them. */
    private LsnRange writeAll(List<byte[]> payloads) {
        long first;
        try {
            first = durability.append(payloads);
        } catch (WalIOException | WalFailedException e) {
            throw countedFailure(e);
        }
        count(payloads.size());
        return new LsnRange(first, first + payloads.size() - 1);
    }

    /** Counts a call that failed on a failed write, force or file operation; returns the failure to throw. */
    private <E extends RuntimeException> E countedFailure(E failure) {
        failures.incrementAndGet();
        return failure;
    }

    private static boolean isWriteFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof WalIOException || cause instanceof WalFailedException;
    }

    /** Refuses what may not be appended (null, a Checkpoint, what the codec refuses), else encodes it. */
    private byte[] encodeAppendable(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry instanceof WalEntry.Checkpoint) {
            throw new EntryRejectedException("a Checkpoint record is written by checkpoint(), not appended");
        }
        return encoder.encode(entry);
    }

    /**
     * A transaction marker appended on its own may leave a transaction open across segments: from then on no
     * segment start is a transaction boundary.
     */
    private void stopBoundariesIfMarker(WalEntry entry) {
        if (entry.isMarker()) {
            boundaries.stop();
        }
    }

    /** Counts appended records and tells the checkpoint listener when the threshold is crossed. */
    private void count(int records) {
        appended.addAndGet(records);
        long since = sinceCheckpoint.addAndGet(records);
        long threshold = config.checkpointThreshold();
        if (since / threshold != (since - records) / threshold) {
            notifyCheckpointDue(since);
        }
    }

    private void notifyCheckpointDue(long since) {
        try {
            config.checkpointListener().checkpointDue(this, since);
        } catch (RuntimeException e) {
            LOG.error("the checkpoint listener failed", e);
        }
    }

    @Override
    public void sync() {
        ensureOpen();
        try {
            durability.sync();
        } catch (WalIOException | WalFailedException e) {
            throw countedFailure(e);
        }
    }

    @Override
    public long checkpoint() {
        ensureOpen();
        try {
            return checkpointLocked();
        } catch (WalIOException | WalFailedException e) {
            throw countedFailure(e);
        }
    }

    private long checkpointLocked() {
        synchronized (checkpointMonitor) {
            // The record carries its own LSN: appends wait while it is encoded and written.
            long written = writer.writeAtNextLsn(lsn -> encoder.encode(new WalEntry.Checkpoint(lsn)));
            durability.awaitDurable(written);
            try {
                CheckpointFile.write(fs, config.directory(), written);
            } catch (IOException e) {
                throw new WalIOException("persisting checkpoint " + written, config.directory()
                        .resolve(CheckpointFile.FILE_NAME), e);
            }
            files.checkpointPersisted(written);
            appended.incrementAndGet();
            sinceCheckpoint.set(0);
            LOG.debug("checkpoint at LSN {} in {}", written, config.directory());
            return written;
        }
    }

    @Override
    public OptionalLong lastCheckpointLsn() {
        ensureOpen();
        return files.lastCheckpointLsn();
    }

    @Override
    public RecordCursor recover() {
        ensureOpen();
        return writer.whileWritesPaused(() -> files.recover(writer.bound()));
    }

    @Override
    public RecordCursor recoverAfter(long checkpointLsn) {
        if (checkpointLsn < -1) {
            throw new IllegalArgumentException("checkpointLsn must be >= -1, was " + checkpointLsn);
        }
        ensureOpen();
        return writer.whileWritesPaused(() -> {
            long next = writer.nextLsn();
            if (checkpointLsn >= next) {
                throw new IllegalArgumentException(String.format("checkpointLsn %d is past the end of the log in "
                        + "%s, whose next LSN is %d: the checkpoint belongs to another log, or records are missing",
                        checkpointLsn, config.directory(), next));
            }
            return files.recoverAfter(checkpointLsn, writer.bound());
        });
    }

    @Override
    public RecordCursor read(long fromLsn) {
        if (fromLsn < 0) {
            throw new IllegalArgumentException("fromLsn must be >= 0, was " + fromLsn);
        }
        ensureOpen();
        return writer.whileWritesPaused(() -> files.read(fromLsn, writer.bound()));
    }

    @Override
    public int truncate(long upToLsn) {
        ensureOpen();
        try {
            return truncateSegments(upToLsn);
        } catch (WalIOException e) {
            throw countedFailure(e);
        }
    }

    private int truncateSegments(long upToLsn) {
        OptionalLong checkpoint = files.lastCheckpointLsn();
        long limit = checkpoint.isPresent() ? checkpoint.getAsLong() + 1 : 0;
        if (upToLsn > limit) {
            throw new IllegalArgumentException(String.format("cannot truncate up to LSN %d: recovery replays from "
                    + "LSN %d, so at most that may be truncated (take a checkpoint first)", upToLsn, limit));
        }
        List<SegmentFile> deletable = writer.whileWritesPaused(() -> deletableBefore(upToLsn));
        for (SegmentFile segment : deletable) {
            // The index first: a crash between the two leaves a segment without one, which reads rebuild.
            deleteIndex(segment);
            try {
                fs.delete(segment.path());
            } catch (IOException e) {
                throw new WalIOException("deleting a truncated segment", segment.path(), e);
            }
        }
        if (!deletable.isEmpty()) {
            try {
                fs.forceDirectory(config.directory());
            } catch (IOException e) {
                throw new WalIOException("forcing the directory after truncation", config.directory(), e);
            }
            LOG.info("truncated {} segment(s) before LSN {} in {}", deletable.size(), upToLsn, config.directory());
        }
        return deletable.size();
    }

    /** Deletes the index file of a segment truncation deletes; a failure leaves a file nothing reads, so warns. */
    private void deleteIndex(SegmentFile segment) {
        files.context().indexes().forget(segment);
        try {
            SegmentIndexFile.delete(fs, segment);
        } catch (IOException e) {
            LOG.warn("could not delete {}, the index of a truncated segment; nothing reads it while its "
                    + "segment is gone", SegmentIndexFile.of(segment), e);
        }
    }

    /** Whole segments whose records all lie below {@code upToLsn}, never the active one. Under the write lock. */
    private List<SegmentFile> deletableBefore(long upToLsn) {
        List<SegmentFile> segments = SegmentDirectory.list(config.directory());
        SegmentBound active = writer.bound();
        List<SegmentFile> result = new ArrayList<>();
        for (int i = 0; i + 1 < segments.size(); i++) {
            boolean isActive = active != null && segments.get(i).equals(active.segment());
            if (!isActive && segments.get(i + 1).number() <= upToLsn) {
                result.add(segments.get(i));
            }
        }
        return result;
    }

    @Override
    public long nextLsn() {
        return writer.nextLsn();
    }

    @Override
    public WalStats stats() {
        ensureOpen();
        OptionalLong checkpoint = files.lastCheckpointLsn();
        LogFiles.Summary summary = files.summary(writer.bound());
        return new WalStats(writer.nextLsn(), summary.firstLsn(), checkpoint.orElse(-1), summary.segmentCount(),
                summary.totalBytes(), appended.get(), write.forces(), sinceCheckpoint.get(), write.syncLatency(),
                writer.activeSegment(), writer.bytesWritten(), write.durableLsn(), writer.failed(), failures.get());
    }

    private void ensureOpen() {
        if (closed) {
            throw new WalClosedException("the log in " + config.directory() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            write.close();
            if (!writer.failed()) {
                // Every batch is whole, so no transaction is open where the next writer starts.
                boundaries.store(writer.nextLsn());
            }
        } finally {
            try {
                lock.close();
            } catch (WalIOException e) {
                LOG.warn("releasing the lock of {} failed", config.directory(), e);
            }
        }
    }
}
