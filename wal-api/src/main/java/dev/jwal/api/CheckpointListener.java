package dev.jwal.api;

/**
 * Told when {@code checkpointThreshold} entries have been appended since the
 * last checkpoint, and again at every further multiple while no checkpoint is
 * taken. Called after the entry that crossed the threshold is durable (as its
 * sync policy defines it), outside the log's locks: on the appending thread, or
 * for {@link WriteAheadLog#appendAsync} on the thread that completes its future,
 * before the future completes. So it may call {@link WriteAheadLog#checkpoint()}
 * itself or hand the work to another thread and wait. An exception it throws is logged and does
 * not fail the append.
 */
@FunctionalInterface
public interface CheckpointListener {
    /** Does nothing. */
    CheckpointListener NONE = (log, entries) -> { };

    /**
     * Called when the log's checkpoint threshold, or a further multiple of it, is crossed since the last checkpoint.
     *
     * @param log                    the log that reached its threshold
     * @param entriesSinceCheckpoint entries appended since the last checkpoint
     */
    void checkpointDue(WriteAheadLog log, long entriesSinceCheckpoint);
}
