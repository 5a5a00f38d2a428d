package dev.jwal.api;

import dev.jwal.api.error.WalInterruptedException;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A cursor that follows a growing log: it returns the records from its start on, in LSN order, with no gap
 * and no duplicate, and when it has returned every durable record it <em>waits</em> for the next one to become
 * durable instead of ending. It crosses segment rotation and, across processes, writer restarts.
 *
 * <p><b>Only durable records.</b> A record is returned only once it is durable as
 * {@link WriteAheadLog#durableLsn()} defines it, even if its bytes are already in the file: a follower never
 * sees a record that a power loss could still take away. See each implementation for how it learns what is
 * durable.
 *
 * <p><b>Truncation.</b> Records deleted by truncation before the cursor read them are never passed over: the
 * cursor throws {@link dev.jwal.api.error.RecordsTruncatedException} naming the missing LSNs, and ends.
 *
 * <p><b>Ending.</b> {@link #hasNext()} returns false only once the cursor is closed, or the log it follows
 * was closed and every record durable by then has been returned. Damage in a durable record is reported as
 * {@link dev.jwal.api.error.CorruptLogException}; a failed write or force of the log it follows as
 * {@link dev.jwal.api.error.WalFailedException} once the durable records are returned.
 *
 * <p><b>Threads.</b> Not thread safe, except {@link #close()}, which any thread may call, and which wakes a
 * thread blocked in {@link #hasNext()}, {@link #next()} or {@link #poll(Duration)}: that call then reports the
 * end (false, {@link NoSuchElementException}, empty), as does a {@link #next()} after a {@link #hasNext()} that
 * returned true before the close. A thread that reads while another may close polls, checking
 * {@link #ended()}.
 */
public interface FollowCursor extends RecordCursor {

    /**
     * Waits until the next record is durable, or the cursor ends.
     *
     * @return true once the next record can be returned without waiting; false once the cursor ended
     * @throws WalInterruptedException if the thread is interrupted while waiting (its interrupt flag stays
     *                                 set); the cursor stays usable
     * @throws dev.jwal.api.error.RecordsTruncatedException if the next record was truncated away
     * @throws dev.jwal.api.error.CorruptLogException        if the next record is damaged
     */
    @Override
    boolean hasNext();

    /**
     * The next record, waiting as {@link #hasNext()} does until it is durable.
     *
     * @return the record at {@link #nextLsn()}
     * @throws NoSuchElementException  if the cursor ended
     * @throws WalInterruptedException as {@link #hasNext()}
     */
    @Override
    LogRecord next();

    /**
     * The next record if it is durable now or becomes durable within {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return the record at {@link #nextLsn()}, or empty if none became durable in time or the cursor ended
     * @throws InterruptedException if the thread is interrupted while waiting; the cursor stays usable
     * @throws dev.jwal.api.error.RecordsTruncatedException as {@link #hasNext()}
     * @throws dev.jwal.api.error.CorruptLogException        as {@link #hasNext()}
     */
    Optional<LogRecord> poll(Duration timeout) throws InterruptedException;

    /**
     * Whether the cursor has ended: it was closed, or the log it follows was closed and it returned every record
     * durable by then, or it threw (truncation, damage, a failed log). Tells an empty {@link #poll} that timed
     * out (false) from one that ended (true). Once true, {@link #hasNext()} returns false without waiting.
     *
     * @return whether it ended
     */
    boolean ended();

    /**
     * Where the cursor stands: the LSN of the record the next {@link #next()} or {@link #poll} returns. A
     * follower that stops and resumes later passes this to {@code follow}.
     *
     * @return that LSN
     */
    long nextLsn();

    /** Ends the cursor and releases its files; idempotent; any thread may call it (see the class comment). */
    @Override
    void close();
}
