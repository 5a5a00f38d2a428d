package dev.jwal.core.write;

import dev.jwal.api.WalStats;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.SegmentBound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Turns batches of payloads into records: assigns LSNs in file order under one lock, frames the records into
 * one buffer and writes them to the segment the {@link SegmentRoller} provides. Callers that need durability
 * queue their records ({@link #queueForForce}) for whoever forces next, who writes every queued record in
 * one write and forces once ({@link #forceWritten}, for {@link GroupCommit}).
 *
 * <p><b>Lock order.</b> The write lock ({@link #writeLock}) is taken before {@link GroupCommit}'s lock, never
 * after it: the writer tells group commit of write-back and rotation ({@link WriteEvents}) while holding the
 * write lock; group commit calls {@link #forceWritten} without holding its own.
 *
 * <p>Counters move only after the bytes were written. A failed write or force fails the writer
 * ({@link WriterFailure}): every later call throws {@link WalFailedException} until the log is reopened.
 * Thread safe.
 */
public final class LogWriter implements ForceTarget, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    /**
     * Unforced bytes in the active segment after which a force ahead of time is asked for, so rotation, which
     * must force the full segment before the next one takes records, finds little left.
     */
    static final long WRITE_BACK_BYTES = 4L * 1024 * 1024;

    private final LogFileSystem fs;
    private final Path directory;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
    /** Records whose callers wait for them to be durable: written by whoever forces next. */
    private final Queue<PendingWrite> durableQueue = new ConcurrentLinkedQueue<>();
    /** The size of {@link #durableQueue}, kept beside it (its own size() walks it). */
    private final AtomicInteger durableQueued = new AtomicInteger();
    private final WriterFailure failure;
    private final WriteEvents events;

    // Guarded by writeLock.
    private final SegmentRoller roller;
    private final RecordBuffer records;
    private final List<PendingWrite> batchScratch = new ArrayList<>();
    private long nextLsn;
    private boolean closed;
    /** Active segment size at the last write-back request. */
    private long writeBackMark;
    /** Callers' queued writes taken from the durable queue since the last force. */
    private int durableTaken;

    /** Callers' queued writes the last force wrote. */
    private volatile int durableCarried;

    private volatile long writtenLsn;
    /** Bytes of records written since open; written under the lock, read without it. */
    private volatile long bytesWritten;

    /**
     * @param events told of write-back and rotation (group commit)
     * @throws WalIOException if what the previous writer left cannot be forced
     */
    LogWriter(WriterSetup setup, WriteEvents events) {
        this.fs = setup.fs;
        this.directory = setup.directory;
        this.events = events;
        this.failure = new WriterFailure(setup.directory);
        this.records = new RecordBuffer(setup.framing);
        this.nextLsn = setup.nextLsn;
        this.writtenLsn = setup.nextLsn - 1;
        this.roller = new SegmentRoller(setup);
        this.writeBackMark = roller.active() == null ? 0 : roller.active().size();
    }

    /**
     * Writes one record per payload, with consecutive LSNs. Records other threads queued meanwhile go out in
     * the same write system call (flat combining): whoever takes the lock writes everything queued, the others
     * find their records written when they get it.
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

    /** Queues one record per payload for whoever forces next, who writes them; see {@link GroupCommit}. */
    PendingWrite queueForForce(List<byte[]> payloads) {
        PendingWrite mine = new PendingWrite(payloads);
        durableQueue.add(mine);
        durableQueued.incrementAndGet();
        return mine;
    }

    @Override
    public boolean hasDurableWritesQueued() {
        return !durableQueue.isEmpty();
    }

    @Override
    public int durableWritesQueued() {
        return durableQueued.get();
    }

    @Override
    public int durableWritesCarried() {
        return durableCarried;
    }

    /** Takes the next write from the durable queue, or null. Holds the write lock. */
    private PendingWrite pollDurable() {
        PendingWrite pending = durableQueue.poll();
        if (pending != null) {
            durableQueued.decrementAndGet();
            durableTaken++;
        }
        return pending;
    }

    /**
     * Writes the record {@code payloadAt} makes for the next LSN, after everything already queued: for a record
     * that must carry its own LSN, like a checkpoint.
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
        for (PendingWrite pending; (pending = pollDurable()) != null; ) {
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

    /** Fails every queued record with {@code reason}. Holds the write lock. */
    private void failQueued(WalException reason) {
        for (PendingWrite pending; (pending = queue.poll()) != null; ) {
            pending.fail(reason);
        }
        for (PendingWrite pending; (pending = pollDurable()) != null; ) {
            pending.fail(reason);
        }
    }

    /** Writes the batch in order; each pending write gets its LSNs or the failure. Holds the write lock. */
    private void writeBatch(List<PendingWrite> batch) {
        List<PendingWrite> fitting = batch;
        try {
            ensureWritable();
            fitting = PendingWrite.refuseLsnOverflow(batch, nextLsn);
            int from = 0;
            while (from < fitting.size()) {
                from = writeIntoActiveSegment(fitting, from);
            }
        } catch (WalException e) {
            for (PendingWrite pending : fitting) {
                if (!pending.done) {
                    pending.fail(e);
                }
            }
        }
    }

    /**
     * Writes pending writes from {@code from} into the active segment, starting a new one first if it is full,
     * until it is full again; returns the index of the first one not written.
     */
    private int writeIntoActiveSegment(List<PendingWrite> batch, int from) {
        ActiveSegment segment = segmentForNextWrite();
        long room = roller.segmentSize() - segment.size();
        int to = from;
        long bytes = 0;
        do {
            bytes += batch.get(to++).bytes(records.framing());
        } while (to < batch.size() && bytes < room);
        long lsn = nextLsn;
        long sizeBefore = segment.size();
        long at = sizeBefore;
        try {
            for (int i = from; i < to; i++) {
                List<byte[]> payloads = batch.get(i).payloads;
                for (int j = 0; j < payloads.size(); j++) {
                    segment.index.offer(lsn, at);
                    at += records.add(lsn++, payloads.get(j), segment.out);
                }
            }
            records.flush(segment.out);
        } catch (IOException e) {
            throw failure.fail("writing records " + nextLsn + " to " + (lsn - 1), segment.file.path(), e);
        }
        for (int i = from; i < to; i++) {
            nextLsn = batch.get(i).written(nextLsn);
        }
        writtenLsn = nextLsn - 1;
        bytesWritten += segment.size() - sizeBefore;
        if (segment.size() - writeBackMark >= WRITE_BACK_BYTES) {
            writeBackMark = segment.size();
            events.writeBackDue();
        }
        return to;
    }

    /** The active segment if it has room; else the full one retired and a new one started. Holds the lock. */
    private ActiveSegment segmentForNextWrite() {
        if (roller.hasRoom()) {
            return roller.active();
        }
        ActiveSegment previous = roller.active();
        if (previous != null) {
            try {
                previous.retire();
            } catch (IOException e) {
                cutUnforcedBytes(previous, e);
                throw failure.fail("forcing the full segment", previous.file.path(), e);
            }
            roller.sealed(previous);
            events.forcedByRotation(writtenLsn);
        }
        try {
            ActiveSegment started = roller.start(nextLsn);
            writeBackMark = started.size();
            return started;
        } catch (IOException e) {
            throw failure.fail("starting a new segment", roller.nextPath(nextLsn), e);
        }
    }

    /** Appends a newline to a reopened segment whose last record lacks one. */
    public void terminateLastLine() {
        writeLock.lock();
        try {
            ensureWritable();
            try {
                roller.terminateLastLine();
            } catch (IOException e) {
                throw failure.fail("terminating the last line", roller.active().file.path(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long forceWritten() {
        ActiveSegment segment;
        long target;
        long size;
        writeLock.lock();
        try {
            if (closed) {
                failQueued(new WalClosedException("the log in " + directory + " is closed"));
                failure.throwIfFailed();
                return writtenLsn; // close() forced everything
            }
            writeQueued();
            durableCarried = durableTaken;
            durableTaken = 0;
            failure.throwIfFailed();
            segment = roller.active();
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
            throw failure.fail("forcing records up to " + target, segment.file.path(), e);
        }
    }

    /**
     * After a failed force the kernel may have dropped the dirty pages, and a later force would not write them:
     * bytes past the last completed force may never reach the disk, though reads still see them. Fail the
     * writer and cut them (after copying them to a side file), so a reopened log does not build acknowledged
     * records on top of them.
     */
    private void cutUnforcedBytes(ActiveSegment segment, IOException forceFailure) {
        writeLock.lock();
        try {
            failure.fail("forcing", segment.file.path(), forceFailure);
            SegmentRoller.cutUnforced(fs, segment);
        } catch (IOException e) {
            forceFailure.addSuppressed(e);
            LOG.error("could not set aside and cut the unforced bytes of {} after a failed force; reopening will "
                    + "read them", segment.file.path(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private void ensureWritable() {
        if (closed) {
            throw new WalClosedException("the log in " + directory + " is closed");
        }
        failure.throwIfFailed();
    }

    @Override
    public void throwIfFailed() {
        failure.throwIfFailed();
    }

    @Override
    public boolean failed() {
        return failure.failed();
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

    /** Bytes of records (framing included) written since open. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The active segment's first LSN, size and record count; {@link WalStats.ActiveSegment#NONE} before one exists. */
    public WalStats.ActiveSegment activeSegment() {
        writeLock.lock();
        try {
            ActiveSegment active = roller.active();
            return active == null ? WalStats.ActiveSegment.NONE
                    : new WalStats.ActiveSegment(active.firstLsn, active.size(), nextLsn - active.firstLsn);
        } finally {
            writeLock.unlock();
        }
    }

    /** The active segment's file and the bytes written to it, or null before the first segment exists. */
    public SegmentBound bound() {
        writeLock.lock();
        try {
            return roller.bound();
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code action} while no record can be written, so it sees the log at rest. */
    public <T> T whileWritesPaused(Supplier<T> action) {
        writeLock.lock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes what is queued, forces it (unless the writer failed) and closes the segment; idempotent. Group
     * commit is closed after this, by whoever owns both.
     *
     * @throws WalIOException if the final force fails
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            // Appends already queued go out with the final force.
            writeQueued();
            closed = true;
            boolean failedBefore = failure.failed();
            ActiveSegment segment = roller.active();
            try {
                roller.closeActive(failedBefore);
            } catch (IOException e) {
                throw failure.fail("closing", segment.file.path(), e);
            }
            if (!failedBefore && segment != null) {
                events.forcedByRotation(writtenLsn);
            }
        } finally {
            writeLock.unlock();
        }
    }
}
