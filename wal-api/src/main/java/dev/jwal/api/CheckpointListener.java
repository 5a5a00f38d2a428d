package dev.jwal.api;

/**
 * Told when {@code checkpointThreshold} entries have been appended since the
 * last checkpoint, and again at every further multiple while no checkpoint is
 * taken. Called on the appending thread after its entry is durable, outside
 * the log's locks, so it may call {@link WriteAheadLog#checkpoint()} itself or
 * hand the work to another thread. An exception it throws is logged and does
 * not fail the append.
 */
@FunctionalInterface
public interface CheckpointListener {
    /** Does nothing. */
    CheckpointListener NONE = (log, entries) -> { };

    /**
     * @param log                    the log that reached its threshold
     * @param entriesSinceCheckpoint entries appended since the last checkpoint
     */
    void checkpointDue(WriteAheadLog log, long entriesSinceCheckpoint);
}
