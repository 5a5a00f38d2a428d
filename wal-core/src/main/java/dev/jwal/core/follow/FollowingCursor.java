package dev.jwal.core.follow;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.error.RecordsTruncatedException;
import dev.jwal.api.error.WalInterruptedException;
import dev.jwal.core.write.DurableSignal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * A {@link FollowCursor} over a log on files. It reads with an ordinary reader's cursor, positioned at its next
 * LSN by the same entry point as {@code read(lsn)} (so it checks LSNs, treats damage by the recovery mode and
 * reports truncation as any reader does), and takes a record from it only while that record's LSN is durable
 * by its {@link DurableSource}. Bytes past the durable LSN (records written but not forced, a record half
 * written, preallocated zeros) are never parsed, so they are neither returned nor taken for damage. When the
 * reader's cursor is used up (it read what the files held when it was positioned), the next durable record
 * positions a new one, listing the directory again: that is how rotation and writer restarts are crossed. A
 * durable record the files do not hold is missing, not late: {@link RecordsTruncatedException}.
 *
 * <p>Not thread safe, except {@link #close()} (see {@link FollowCursor}). {@link #nextLsn()} may be read from
 * any thread (for lag metrics).
 */
public final class FollowingCursor implements FollowCursor {
    private final LongFunction<RecordCursor> reading;
    private final DurableSource durable;
    /** The log, for messages: "the log in DIR". */
    private final String log;
    /** Held by the thread inside {@link #hasNext()} or {@link #poll}; a {@link #close()} meanwhile leaves the files to it. */
    private final ReentrantLock busy = new ReentrantLock();
    private volatile long nextLsn;
    private volatile boolean closed;

    // Used by the following thread only.
    private RecordCursor records;
    /** The durable LSN already known when {@link #records} was positioned: it must hold every record up to it. */
    private long positionedKnowing = -1;
    private LogRecord pending;
    private long known = -1;
    private volatile boolean ended;

    private FollowingCursor(LongFunction<RecordCursor> reading, DurableSource durable, String log, long fromLsn) {
        this.reading = reading;
        this.durable = durable;
        this.log = log;
        this.nextLsn = fromLsn;
    }

    /**
     * Follows a log whose writer is in this process, from {@code fromLsn}.
     *
     * @param reading positions a reader's cursor at an LSN, as {@code read(lsn)} does, reading what is written
     * @param signal  the writer's durable LSN
     */
    public static FollowingCursor inProcess(LongFunction<RecordCursor> reading, DurableSignal signal, Path directory,
                                            long fromLsn) {
        return inProcess(reading, signal, "the log in " + directory, fromLsn);
    }

    /**
     * Follows a log in this process that is not a segment directory (one on BookKeeper), from {@code fromLsn}.
     *
     * @param reading positions a reader's cursor at an LSN, as {@code read(lsn)} does
     * @param signal  the log's durable LSN, moved by its writer
     * @param log     the log, for messages: "the log 'NAME'"
     */
    public static FollowingCursor inProcess(LongFunction<RecordCursor> reading, DurableSignal signal, String log,
                                            long fromLsn) {
        return new FollowingCursor(reading, new InProcessDurable(signal, log), log, fromLsn);
    }

    /**
     * Follows a log whose writer (if any) is in another process, from {@code fromLsn}, learning the durable LSN
     * from what the writer publishes in the directory, looked at again every {@code pollInterval} while waiting.
     *
     * @param reading positions a reader's cursor at an LSN, as {@code read(lsn)} does
     */
    public static FollowingCursor published(LongFunction<RecordCursor> reading, Path directory, Duration pollInterval,
                                            long fromLsn) {
        return new FollowingCursor(reading, new PublishedDurable(directory, pollInterval.toNanos()),
                "the log in " + directory, fromLsn);
    }

    @Override
    public boolean hasNext() {
        busy.lock();
        try {
            return readyUninterruptibly();
        } finally {
            leave();
        }
    }

    @Override
    public LogRecord next() {
        busy.lock();
        try {
            if (!readyUninterruptibly()) {
                throw new NoSuchElementException("the cursor following " + log + " has ended");
            }
            return take();
        } finally {
            leave();
        }
    }

    @Override
    public Optional<LogRecord> poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        busy.lock();
        try {
            return ready(nanos) ? Optional.of(take()) : Optional.empty();
        } finally {
            leave();
        }
    }

    /** As {@link #ready}, waiting as long as it takes; an interrupt is {@link WalInterruptedException}. */
    private boolean readyUninterruptibly() {
        try {
            return ready(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalInterruptedException("interrupted while waiting for LSN " + nextLsn + " of "
                    + log + " to become durable", e);
        }
    }

    /** Leaves {@link #busy}, letting go of the files first if the cursor was closed meanwhile. */
    private void leave() {
        try {
            if (closed) {
                release();
            }
        } finally {
            busy.unlock();
        }
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public boolean ended() {
        return closed || ended;
    }

    @Override
    public long nextLsn() {
        return nextLsn;
    }

    private LogRecord take() {
        LogRecord record = pending;
        pending = null;
        nextLsn = record.lsn() + 1;
        return record;
    }

    /**
     * Under {@link #busy}: whether the record at {@link #nextLsn} is durable and read, waiting at most
     * {@code nanos} for it.
     */
    private boolean ready(long nanos) throws InterruptedException {
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        try {
            while (true) {
                if (closed || ended) {
                    release();
                    return false;
                }
                if (durableRecordRead()) {
                    return true;
                }
                long fresh = durable.durableLsn();
                if (fresh > known) {
                    known = fresh;
                    continue;
                }
                DurableSource.End end = durable.end();
                if (end != null) {
                    if (durable.durableLsn() > known) {
                        continue; // the last records became durable just before the end
                    }
                    ended = true;
                    release();
                    if (end.failure() != null) {
                        throw end.failure();
                    }
                    return false;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                durable.await(known, left, () -> closed);
            }
        } catch (RuntimeException e) {
            // Truncation, damage or a failed log: the cursor ends with it.
            ended = true;
            release();
            throw e;
        }
    }

    /** Reads the record at {@link #nextLsn} if it is durable; whether it is now pending and durable. */
    private boolean durableRecordRead() {
        if (pending == null && nextLsn <= known) {
            pending = readNext();
        }
        return pending != null && pending.lsn() <= known;
    }

    /** The record at {@link #nextLsn} (or after it, if the recovery mode skipped damage), which is durable. */
    private LogRecord readNext() {
        while (true) {
            if (records == null) {
                records = reading.apply(nextLsn);
                positionedKnowing = known;
            }
            if (records.hasNext()) {
                LogRecord record = records.next();
                if (record.lsn() < nextLsn) {
                    throw new IllegalStateException("positioned at LSN " + nextLsn + " but read LSN " + record.lsn());
                }
                return record;
            }
            closeRecords();
            if (positionedKnowing >= nextLsn) {
                throw new RecordsTruncatedException(nextLsn, positionedKnowing, "records up to LSN "
                        + positionedKnowing + " are durable, but " + log
                        + " ends before LSN " + nextLsn + ": they were cut or deleted");
            }
        }
    }

    private void closeRecords() {
        if (records != null) {
            RecordCursor open = records;
            records = null;
            open.close();
        }
    }

    /** Under {@link #busy}: lets go of the files. */
    private void release() {
        pending = null;
        closeRecords();
    }

    private void releaseIfIdle() {
        if (busy.tryLock()) {
            try {
                release();
            } finally {
                busy.unlock();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        durable.wakeUp();
        releaseIfIdle();
    }
}
