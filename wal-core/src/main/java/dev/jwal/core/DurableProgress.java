package dev.jwal.core;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.error.WalException;
import dev.jwal.core.follow.FollowingCursor;
import dev.jwal.core.write.DurableSignal;

import java.util.function.LongFunction;

/**
 * How far a log that is not a segment directory (a log on BookKeeper) is durable, and the followers waiting for
 * it to move: lets such a {@link dev.jwal.api.WriteAheadLog} offer {@code durableLsn()} and {@code follow(lsn)}
 * with the same cursor the segmented log uses. The log's writer {@link #advance advances} it once every record up
 * to an LSN is durable, {@link #fail fails} it when a write fails and {@link #close closes} it with the log;
 * followers then return every record that was durable and end, or throw the failure.
 *
 * <p>Thread safe; waiting is a condition, never a spin.
 */
public final class DurableProgress implements AutoCloseable {
    private final DurableSignal signal;
    private final String log;

    /**
     * @param durableLsn the LSN up to which the log is durable now, or -1
     * @param log        the log, for messages (as in "the log 'orders'")
     */
    public DurableProgress(long durableLsn, String log) {
        this.signal = DurableSignal.unpublished(durableLsn);
        this.log = log;
    }

    /**
     * The LSN up to which every record is durable.
     *
     * @return that LSN, or -1; it never goes down
     */
    public long durableLsn() {
        return signal.durableLsn();
    }

    /**
     * Every record up to {@code lsn} is durable: moves the durable LSN there (a lower value changes nothing) and
     * wakes the followers.
     *
     * @param lsn the highest LSN below which no record is missing or unacknowledged
     */
    public void advance(long lsn) {
        signal.advance(lsn);
    }

    /**
     * A write failed and nothing more will become durable: followers return what was durable, then throw a
     * {@link dev.jwal.api.error.WalFailedException} that names {@code reason}.
     *
     * @param reason why the log failed
     */
    public void fail(WalException reason) {
        signal.fail(reason);
    }

    /**
     * A cursor that returns every record from {@code fromLsn} once it is durable, waiting for new ones.
     *
     * @param reading positions a reader's cursor at an LSN over what the log holds now, as {@code read(lsn)} does;
     *                it must throw {@link dev.jwal.api.error.RecordsTruncatedException} for LSNs truncation removed
     * @param fromLsn the LSN of the first record wanted
     * @return the cursor, to be closed by the caller
     */
    public FollowCursor follow(LongFunction<RecordCursor> reading, long fromLsn) {
        return FollowingCursor.inProcess(reading, signal, log, fromLsn);
    }

    /** The log closed: followers return what was durable and end. Idempotent. */
    @Override
    public void close() {
        signal.close();
    }
}
