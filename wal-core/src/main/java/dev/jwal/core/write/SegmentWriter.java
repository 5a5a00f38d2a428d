package dev.jwal.core.write;

import dev.jwal.api.SyncLatency;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.lines.LineFormat;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.SegmentName;
import dev.jwal.core.segment.SideFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Writes records to the active segment, assigns their LSNs in file order and
 * rotates segments. Durability goes through the {@link Flusher}:
 * {@link #writeDurably} queues records for whoever forces next, who writes all
 * queued records at once and forces once for them (group commit);
 * {@link #awaitDurable(long)} forces what is already written, or waits for the
 * force under way.
 *
 * <p>LSNs are taken under the same lock as the write, so file order and LSN
 * order agree. Counters move only after the bytes were written. A failed write
 * or force fails the writer: the bytes on disk are then unknown, so every later
 * call throws {@link WalFailedException} until the log is reopened, and recovery
 * cuts what was half written. Thread safe.
 */
public final class SegmentWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);
    private static final byte[] NEWLINE = {LineFormat.NEWLINE};
    /**
     * Unforced bytes in the active segment after which the flusher forces them in the background, so
     * rotation, which must force the full segment before the next one takes records, finds little left.
     */
    static final long WRITE_BACK_BYTES = 4L * 1024 * 1024;

    private final LogFileSystem fs;
    private final Path directory;
    private final long segmentSize;
    private final long preallocation;
    private final RecordFraming framing;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
    /** Records whose callers wait for them to be durable: written by whoever forces next. */
    private final Queue<PendingWrite> durableQueue = new ConcurrentLinkedQueue<>();
    private final SyncTimer timer;
    private final Flusher flusher;
    private final LongConsumer segmentStarted;

    // Guarded by writeLock.
    private final RecordBuffer records;
    private final List<PendingWrite> batchScratch = new ArrayList<>();
    private ActiveSegment active;
    private long nextLsn;
    private long lastSegmentNumber;
    private boolean closed;
    /** Active segment size at the last write-back request. */
    private long writeBackMark;

    private volatile long writtenLsn;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param fs          where files are changed
     * @param directory   the log directory
     * @param segmentSize bytes after which the next record starts a new segment
     * @param preallocation bytes each segment is extended to when this writer starts or reopens it (see
     *                    {@link LogFileSystem.AppendableFile#reserve}), or 0 to let segments grow as written
     * @param framing     how records are laid out
     * @param nextLsn     the LSN of the next record
     * @param lastSegment the directory's last segment, or null if it has none
     * @param reopen      whether to append to {@code lastSegment} after its last byte, rather than start
     *                    a new segment at the first write
     * @param timer       times every force
     * @param segmentStarted told the first LSN of every segment this writer starts, under the write lock:
     *                    no batch of records is ever split across segments
     */
    public SegmentWriter(LogFileSystem fs, Path directory, long segmentSize, long preallocation, RecordFraming framing,
                         long nextLsn, SegmentFile lastSegment, boolean reopen, SyncTimer timer,
                         LongConsumer segmentStarted) {
        this.fs = fs;
        this.timer = timer;
        this.segmentStarted = segmentStarted;
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.preallocation = preallocation;
        this.framing = framing;
        this.records = new RecordBuffer(framing);
        this.nextLsn = nextLsn;
        this.lastSegmentNumber = lastSegment == null ? -1 : lastSegment.number();
        SegmentFile reopened = reopen ? lastSegment : null;
        this.writtenLsn = nextLsn - 1;
        this.flusher = new Flusher(this, directory, nextLsn - 1);
        // What an earlier writer left may not be durable yet (it died before its force, or its force or
        // directory force failed): make it so before building on it, whether appends go on in the last
        // segment or in a new one after it.
        try {
            if (reopened != null) {
                this.active = new ActiveSegment(reopened, fs.openForAppend(reopened.path()), 0, timer);
                reserveRoom(active);
                active.force();
                active.markForced(active.size());
                writeBackMark = active.size();
            } else if (lastSegment != null) {
                try (LogFileSystem.AppendableFile previous = fs.openForAppend(lastSegment.path())) {
                    timer.time(previous.path(), previous::force);
                }
            }
            fs.forceDirectory(directory);
        } catch (IOException e) {
            throw new WalIOException("forcing what the previous writer left", directory, e);
        }
    }

    /**
     * Writes one record per payload, with consecutive LSNs. Records other threads
     * queued meanwhile go out in the same write system call (flat combining):
     * whoever takes the lock writes everything queued, the others find their
     * records written when they get it.
     *
     * @return the LSN of the first record
     * @throws WalIOException     if the write failed (the writer is then failed)
     * @throws WalFailedException if an earlier write or force failed
     * @throws WalClosedException after {@link #close()}
     */
    public long write(List<byte[]> payloads) {
        PendingWrite mine = new PendingWrite(payloads);
        queue.add(mine);
        writeLock.lock();
        try {
            if (!mine.done) {
                writeQueued();
            }
        } finally {
            writeLock.unlock();
        }
        return mine.result();
    }

    /**
     * Writes one record per payload, with consecutive LSNs, and returns once they
     * are on stable storage. The records are not written by this thread unless no
     * force is running: whoever forces next writes every record queued this way
     * in one write system call, then forces once for all of them, so appenders
     * that arrive while an fsync runs cost no system call of their own.
     *
     * @return the LSN of the first record
     * @throws WalIOException     if the write or the force failed (the writer is then failed)
     * @throws WalFailedException if an earlier write or force failed
     * @throws WalClosedException after {@link #close()}
     */
    public long writeDurably(List<byte[]> payloads) {
        PendingWrite mine = new PendingWrite(payloads);
        durableQueue.add(mine);
        flusher.awaitWrittenAndDurable(mine);
        return mine.result();
    }

    /** Whether records wait to be written and forced by {@link #forceWritten()}. */
    boolean hasDurableWritesQueued() {
        return !durableQueue.isEmpty();
    }

    /**
     * Writes the records {@code payloadAt} makes for the next LSN, after everything
     * already queued: for a record that must carry its own LSN, like a checkpoint.
     *
     * @return the record's LSN
     */
    public long writeAtNextLsn(LongFunction<byte[]> payloadAt) {
        writeLock.lock();
        try {
            writeQueued();
            // Not through the queue: records queued from now on must come after this one.
            PendingWrite mine = new PendingWrite(List.of(payloadAt.apply(nextLsn)));
            writeBatch(List.of(mine));
            return mine.result();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes every queued record. Holds the write lock. */
    private void writeQueued() {
        List<PendingWrite> batch = batchScratch;
        for (PendingWrite pending; (pending = queue.poll()) != null; ) {
            batch.add(pending);
        }
        for (PendingWrite pending; (pending = durableQueue.poll()) != null; ) {
            batch.add(pending);
        }
        if (!batch.isEmpty()) {
            try {
                writeBatch(batch);
            } finally {
                batch.clear();
            }
        }
    }

    /** Fails every queued record with {@code failure}. Holds the write lock. */
    private void failQueued(WalException failure) {
        for (Queue<PendingWrite> q : List.of(queue, durableQueue)) {
            for (PendingWrite pending; (pending = q.poll()) != null; ) {
                pending.failure = failure;
                pending.done = true;
            }
        }
    }

    /** Writes the batch in order; each pending write gets its LSNs or the failure. Holds the write lock. */
    private void writeBatch(List<PendingWrite> batch) {
        try {
            ensureWritable();
            batch = withoutLsnOverflow(batch);
            int from = 0;
            while (from < batch.size()) {
                from = writeIntoActiveSegment(batch, from);
            }
        } catch (WalException e) {
            for (PendingWrite pending : batch) {
                if (!pending.done) {
                    pending.failure = e;
                    pending.done = true;
                }
            }
        }
    }

    /**
     * The batch without the writes whose LSNs would pass {@code Long.MAX_VALUE - 1}: those are refused, before
     * anything is written, and the log stays usable (the LSN after the last must exist too). Holds the write
     * lock.
     */
    private List<PendingWrite> withoutLsnOverflow(List<PendingWrite> batch) {
        long next = nextLsn;
        long left = Long.MAX_VALUE - next;
        long wanted = 0;
        for (PendingWrite pending : batch) {
            wanted += pending.payloads.size();
        }
        if (wanted <= left) {
            return batch;
        }
        List<PendingWrite> fitting = new ArrayList<>(batch.size());
        for (PendingWrite pending : batch) {
            if (pending.payloads.size() <= left) {
                fitting.add(pending);
                left -= pending.payloads.size();
            } else {
                pending.failure = new WalException("no LSN is left for " + pending.payloads.size()
                        + " record(s): the log's next LSN is " + next + " and LSNs end at "
                        + Long.MAX_VALUE);
                pending.done = true;
            }
        }
        return fitting;
    }

    /**
     * Writes pending writes from {@code from} into the active segment, starting a new one first if it is
     * full, until it is full again; returns the index of the first one not written.
     */
    private int writeIntoActiveSegment(List<PendingWrite> batch, int from) {
        ActiveSegment segment = segmentForNextWrite();
        long room = segmentSize - segment.size();
        int to = from;
        long bytes = 0;
        do {
            bytes += batch.get(to++).bytes(framing);
        } while (to < batch.size() && bytes < room);
        long lsn = nextLsn;
        try {
            for (int i = from; i < to; i++) {
                List<byte[]> payloads = batch.get(i).payloads;
                for (int j = 0; j < payloads.size(); j++) {
                    records.add(lsn++, payloads.get(j), segment.out);
                }
            }
            records.flush(segment.out);
        } catch (IOException e) {
            throw fail("writing records " + nextLsn + " to " + (lsn - 1), segment.file.path(), e);
        }
        for (int i = from; i < to; i++) {
            PendingWrite pending = batch.get(i);
            pending.firstLsn = nextLsn;
            pending.done = true;
            nextLsn += pending.payloads.size();
        }
        writtenLsn = nextLsn - 1;
        if (segment.size() - writeBackMark >= WRITE_BACK_BYTES) {
            writeBackMark = segment.size();
            flusher.requestForce();
        }
        return to;
    }

    /** Appends a newline to a reopened segment whose last record lacks one. */
    public void terminateLastLine() {
        writeLock.lock();
        try {
            ensureWritable();
            try {
                active.out.write(new ByteBuffer[]{ByteBuffer.wrap(NEWLINE)});
                active.force();
            } catch (IOException e) {
                throw fail("terminating the last line", active.file.path(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private ActiveSegment segmentForNextWrite() {
        if (active != null && (active.size() == 0 || active.size() < segmentSize)) {
            return active;
        }
        ActiveSegment previous = active;
        // Names must keep increasing; a reference-named last segment may already carry nextLsn.
        long number = Math.max(nextLsn, lastSegmentNumber + 1);
        Path path = directory.resolve(SegmentName.of(number));
        if (previous != null) {
            try {
                previous.retire();
            } catch (IOException e) {
                cutUnforcedBytes(previous, e);
                throw fail("forcing the full segment", previous.file.path(), e);
            }
            flusher.markDurable(writtenLsn);
        }
        try {
            byte[] header = framing.segmentHeader(nextLsn);
            active = new ActiveSegment(new SegmentFile(path, number), fs.createNew(path, header), header.length,
                    timer);
            writeBackMark = header.length;
            lastSegmentNumber = number;
            reserveRoom(active);
            LOG.debug("started segment {}", path);
            segmentStarted.accept(nextLsn);
            return active;
        } catch (IOException e) {
            throw fail("starting a new segment", path, e);
        }
    }

    /**
     * Preallocates the segment, if configured. Room that could not be reserved only costs speed: the
     * segment then grows as it is written, so the failure is logged, not thrown.
     */
    private void reserveRoom(ActiveSegment segment) {
        if (preallocation <= segment.size()) {
            return;
        }
        try {
            segment.out.reserve(preallocation);
        } catch (IOException e) {
            LOG.warn("could not preallocate {} bytes for {}; it grows as it is written", preallocation,
                    segment.file.path(), e);
        }
    }

    /**
     * Returns once every record up to {@code lsn} is on stable storage. The flusher forces for
     * everyone waiting; a force covers every record written before it started.
     *
     * @throws WalIOException     if the force failed (the writer is then failed)
     * @throws WalFailedException if an earlier write or force failed
     */
    public void awaitDurable(long lsn) {
        flusher.awaitDurable(lsn);
    }

    /** A future completing with {@code lsn} once every record up to it is on stable storage, or failing as {@link #awaitDurable} throws. */
    public CompletableFuture<Long> whenDurable(long lsn) {
        return flusher.whenDurable(lsn);
    }

    /**
     * Writes every queued record, then forces every record written so far; the job of whoever
     * forces. Returns the LSN of the last record it covered.
     *
     * @throws WalIOException     if the force failed (the writer is then failed)
     * @throws WalFailedException if an earlier write or force failed
     */
    long forceWritten() {
        ActiveSegment segment;
        long target;
        long size;
        writeLock.lock();
        try {
            if (closed) {
                failQueued(new WalClosedException("the log in " + directory + " is closed"));
                throwIfFailed();
                return writtenLsn; // close() forced everything
            }
            writeQueued();
            throwIfFailed();
            segment = active;
            target = writtenLsn;
            size = segment == null ? 0 : segment.size();
        } finally {
            writeLock.unlock();
        }
        if (segment == null) {
            return target;
        }
        try {
            segment.force();
            segment.markForced(size);
            return target;
        } catch (IOException e) {
            cutUnforcedBytes(segment, e);
            throw fail("forcing records up to " + target, segment.file.path(), e);
        }
    }

    /**
     * After a failed force the kernel may have dropped the dirty pages, and a later force would not write
     * them: bytes past the last completed force may never reach the disk, though reads still see them. Fail
     * the writer and cut them, so a reopened log does not build acknowledged records on top of them.
     */
    private void cutUnforcedBytes(ActiveSegment segment, IOException forceFailure) {
        writeLock.lock();
        try {
            fail("forcing", segment.file.path(), forceFailure);
            long forced = segment.forcedSize();
            if (segment.size() <= forced) {
                return;
            }
            Path copy = SideFiles.copyTail(fs, segment.file.path(), forced);
            fs.truncate(segment.file.path(), forced);
            LOG.warn("cut {} unforced bytes off {} after the failed force; they are kept in {}",
                    segment.size() - forced, segment.file.path(), copy);
        } catch (IOException e) {
            forceFailure.addSuppressed(e);
            LOG.error("could not set aside and cut the unforced bytes of {} after a failed force; reopening will "
                    + "read them", segment.file.path(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Forces everything written so far.
     *
     * @throws WalFailedException if an earlier write or force failed, even if nothing is left to force
     */
    public void sync() {
        throwIfFailed();
        awaitDurable(writtenLsn);
    }

    private WalIOException fail(String operation, Path path, IOException cause) {
        WalIOException error = new WalIOException(operation, path, cause);
        if (failure.compareAndSet(null, error)) {
            LOG.error("the log in {} failed and refuses appends until it is reopened", directory, error);
        }
        return error;
    }

    private void ensureWritable() {
        if (closed) {
            throw new WalClosedException("the log in " + directory + " is closed");
        }
        throwIfFailed();
    }

    void throwIfFailed() {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new WalFailedException("the log in " + directory + " failed earlier (" + cause.getMessage()
                    + "); close and reopen it to recover", cause);
        }
    }

    /** The LSN the next record will get. */
    public long nextLsn() {
        writeLock.lock();
        try {
            return nextLsn;
        } finally {
            writeLock.unlock();
        }
    }

    /** The LSN of the last record written (handed to the OS), or -1. */
    public long writtenLsn() {
        return writtenLsn;
    }

    /** The LSN up to which every record is forced, or -1. */
    public long durableLsn() {
        return flusher.durableLsn();
    }

    /** Forces done since open. */
    public long forces() {
        return flusher.forces();
    }

    /** How long forces took since open. */
    public SyncLatency syncLatency() {
        return timer.latency();
    }

    /** The active segment's file and the bytes written to it, or null before the first segment exists. */
    public SegmentBound bound() {
        writeLock.lock();
        try {
            return active == null ? null : new SegmentBound(active.file, active.size());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code action} while no record can be written, so it sees the log at rest.
     */
    public <T> T whileWritesPaused(Supplier<T> action) {
        writeLock.lock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether a write or force has failed. */
    public boolean failed() {
        return failure.get() != null;
    }

    /**
     * Forces what was written (unless the writer failed) and closes the segment; idempotent.
     *
     * @throws WalIOException if the final force fails
     */
    @Override
    public void close() {
        try {
            closeSegment();
        } finally {
            // Not under the write lock: the flusher may be waiting for it.
            flusher.close();
        }
    }

    private void closeSegment() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            // Appends already queued go out with the final force.
            writeQueued();
            closed = true;
            if (active == null) {
                return;
            }
            try {
                if (failure.get() == null) {
                    active.retire();
                    flusher.markDurable(writtenLsn);
                } else {
                    active.abandon();
                }
            } catch (IOException e) {
                throw fail("closing", active.file.path(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

}
