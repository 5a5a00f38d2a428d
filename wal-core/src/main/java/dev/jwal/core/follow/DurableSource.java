package dev.jwal.core.follow;

import dev.jwal.api.error.WalException;

import java.util.function.BooleanSupplier;

/**
 * Where a {@link FollowingCursor} learns how far the log is durable, and how it waits for that to move: the
 * writer's own signal in this process ({@link InProcessDurable}), or the value the writer publishes in the
 * log directory, looked at again at an interval, from another process ({@link PublishedDurable}). Thread
 * safe.
 */
interface DurableSource {

    /** The highest LSN known durable, or -1; never lower than an earlier answer. */
    long durableLsn();

    /**
     * Whether no record will become durable any more (the log closed or failed), and if so how: null while
     * records may still become durable. Once it is non-null, {@link #durableLsn()} no longer moves.
     */
    End end();

    /**
     * Waits at most {@code nanos} for {@link #durableLsn()} to pass {@code lsn}, for the source to end, or for
     * {@code cancelled} to hold after a {@link #wakeUp()}; may return early without any of them.
     *
     * @throws InterruptedException if the thread is interrupted
     */
    void await(long lsn, long nanos, BooleanSupplier cancelled) throws InterruptedException;

    /** Wakes whoever waits in {@link #await}, so it looks at {@code cancelled} again. */
    void wakeUp();

    /**
     * How a source ended.
     *
     * @param failure what the follower throws once it has returned every durable record, or null when the log
     *                was closed normally and the follower simply ends
     */
    record End(WalException failure) {
        /** The log was closed. */
        static final End CLOSED = new End(null);
    }
}
