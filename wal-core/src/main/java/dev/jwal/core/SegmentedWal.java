package dev.jwal.core;

import dev.jwal.api.LsnRange;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.write.IntervalSyncer;
import dev.jwal.core.write.RecordFraming;
import dev.jwal.core.write.SegmentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link WriteAheadLog} on a directory of segment files. Coordinates the
 * parts: the codec encodes in the caller's thread, {@link SegmentWriter} writes
 * and forces, {@link LogFiles} reads, {@link CheckpointFile} persists
 * checkpoints. Thread safe.
 */
final class SegmentedWal implements WriteAheadLog {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedWal.class);

    private final WalConfig config;
    private final LogFileSystem fs;
    private final EntryCodec codec;
    private final RecordFraming framing;
    private final LogFiles files;
    private final SegmentWriter writer;
    private final DirectoryLock lock;
    private final TxnBoundaryRecorder boundaries;
    private final IntervalSyncer intervalSyncer;
    private final Object checkpointMonitor = new Object();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong sinceCheckpoint = new AtomicLong();
    private volatile boolean closed;

    SegmentedWal(WalConfig config, LogFileSystem fs, EntryCodec codec, RecordFraming framing, LogFiles files,
                 SegmentWriter writer, DirectoryLock lock, TxnBoundaryRecorder boundaries) {
        this.config = config;
        this.fs = fs;
        this.codec = codec;
        this.framing = framing;
        this.files = files;
        this.writer = writer;
        this.lock = lock;
        this.boundaries = boundaries;
        this.intervalSyncer = config.syncPolicy() instanceof SyncPolicy.Interval interval
                ? new IntervalSyncer(writer, interval.interval(), config.directory().getFileName().toString())
                : null;
    }

    @Override
    public long append(WalEntry entry) {
        byte[] payload = encodeAppendable(entry);
        ensureOpen();
        List<byte[]> payloads = List.of(payload);
        if (config.syncPolicy() instanceof SyncPolicy.EveryWrite) {
            long lsn = writer.writeDurably(payloads);
            count(1);
            return lsn;
        }
        long lsn = writer.write(payloads);
        afterWrite(lsn, 1);
        return lsn;
    }

    /** Encodes (in the caller's thread) and writes one entry; returns its LSN. */
    private long write(WalEntry entry) {
        byte[] payload = encodeAppendable(entry);
        ensureOpen();
        return writer.write(List.of(payload));
    }

    /** Refuses what may not be appended (null, a Checkpoint, what the codec refuses), else encodes it. */
    private byte[] encodeAppendable(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry instanceof WalEntry.Checkpoint) {
            throw new EntryRejectedException("a Checkpoint record is written by checkpoint(), not appended");
        }
        if (entry.isMarker()) {
            boundaries.stop();
        }
        return encode(entry);
    }

    @Override
    public CompletableFuture<Long> appendAsync(WalEntry entry) {
        long lsn = write(entry);
        if (config.syncPolicy() instanceof SyncPolicy.EveryWrite) {
            // Counted, and the checkpoint listener told, once the entry is durable: before the future completes.
            return writer.whenDurable(lsn).whenComplete((durable, failure) -> {
                if (failure == null) {
                    count(1);
                }
            });
        }
        afterWrite(lsn, 1);
        return CompletableFuture.completedFuture(lsn);
    }

    @Override
    public LsnRange appendBatch(List<? extends WalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one entry");
        }
        List<byte[]> payloads = new ArrayList<>(entries.size());
        for (WalEntry entry : entries) {
            payloads.add(encodeAppendable(entry));
        }
        return writeAll(payloads);
    }

    @Override
    public LsnRange appendTransaction(long txnId, List<? extends WalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        List<byte[]> payloads = new ArrayList<>(entries.size() + 2);
        payloads.add(encode(new WalEntry.TxnBegin(txnId)));
        for (WalEntry entry : entries) {
            Objects.requireNonNull(entry, "a transaction entry is null");
            if (entry.isMarker()) {
                throw new EntryRejectedException("a transaction holds data entries only, not " + entry);
            }
            payloads.add(encode(entry));
        }
        payloads.add(encode(new WalEntry.TxnCommit(txnId)));
        return writeAll(payloads);
    }

    /** Writes the payloads as consecutive records and applies the sync policy. */
    private LsnRange writeAll(List<byte[]> payloads) {
        ensureOpen();
        if (config.syncPolicy() instanceof SyncPolicy.EveryWrite) {
            long first = writer.writeDurably(payloads);
            count(payloads.size());
            return new LsnRange(first, first + payloads.size() - 1);
        }
        long first = writer.write(payloads);
        long last = first + payloads.size() - 1;
        afterWrite(last, payloads.size());
        return new LsnRange(first, last);
    }

    private byte[] encode(WalEntry entry) {
        byte[] payload = codec.encode(entry);
        if (payload.length > config.maxRecordSize()) {
            throw new EntryRejectedException(String.format("encoded entry is %,d bytes, over the record size limit "
                    + "of %,d bytes (maxRecordSize)", payload.length, config.maxRecordSize()));
        }
        framing.check(payload);
        return payload;
    }

    /** Applies a lazy sync policy (every-write appends wait in the writer) to records up to {@code lastLsn}, then counts them. */
    private void afterWrite(long lastLsn, int records) {
        if (config.syncPolicy() instanceof SyncPolicy.Periodic periodic) {
            applyPeriodic(lastLsn, periodic.writes());
        }
        count(records);
    }

    /**
     * At most {@code n - 1} acknowledged records are ever unforced, however many threads append: the
     * append that reaches n forces everything written (itself, when no force runs). Forcing earlier in
     * the background, to overlap appends with the fsync, measured no faster.
     */
    private void applyPeriodic(long lastLsn, long n) {
        if (lastLsn - writer.durableLsn() >= n) {
            writer.awaitDurable(lastLsn);
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
        writer.sync();
    }

    @Override
    public long checkpoint() {
        ensureOpen();
        synchronized (checkpointMonitor) {
            // The record carries its own LSN: appends wait while it is encoded and written.
            long written = writer.writeAtNextLsn(lsn -> encode(new WalEntry.Checkpoint(lsn)));
            writer.awaitDurable(written);
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
        OptionalLong checkpoint = files.lastCheckpointLsn();
        long limit = checkpoint.isPresent() ? checkpoint.getAsLong() + 1 : 0;
        if (upToLsn > limit) {
            throw new IllegalArgumentException(String.format("cannot truncate up to LSN %d: recovery replays from "
                    + "LSN %d, so at most that may be truncated (take a checkpoint first)", upToLsn, limit));
        }
        List<SegmentFile> deletable = writer.whileWritesPaused(() -> {
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
        });
        for (SegmentFile segment : deletable) {
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
                summary.totalBytes(), appended.get(), writer.forces(), sinceCheckpoint.get(), writer.syncLatency());
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
            if (intervalSyncer != null) {
                intervalSyncer.close();
            }
            writer.close();
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
