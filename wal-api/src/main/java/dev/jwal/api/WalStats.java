package dev.jwal.api;

/**
 * A snapshot of a log's counters, taken by {@link WriteAheadLog#stats()}. The counters "since open" start at 0
 * each time the log is opened and never go down while it stays open.
 *
 * @param nextLsn                the LSN the next append will get
 * @param firstLsn               the LSN of the oldest record still in the log, or -1 when it holds none
 * @param lastCheckpointLsn      the LSN of the last persisted checkpoint, or -1 when there is none
 * @param segmentCount           segment files in the directory
 * @param totalBytes             bytes in all segment files, up to the last record of the active one (room
 *                               preallocated after it does not count)
 * @param appendedSinceOpen      records appended since the log was opened
 * @param syncsSinceOpen         forces of the active segment since the log was opened
 * @param entriesSinceCheckpoint records appended since the last checkpoint (counting from open)
 * @param syncLatency            how long forces took since the log was opened, and how many were slow
 * @param activeSegment          the segment appends go to: its size and record count
 * @param bytesAppendedSinceOpen bytes of records (framing included) written since the log was opened
 * @param durableLsn             the LSN up to which every record is on stable storage (forced), or -1 when
 *                               none is; below {@code nextLsn - 1} by the records a power loss could lose now
 * @param failed                 whether a write or force failed: the log then refuses appends until it is
 *                               reopened
 * @param failuresSinceOpen      calls since the log was opened that failed because a write, force or file
 *                               operation failed: appends (synchronous, asynchronous, batch, transaction),
 *                               syncs, checkpoints and truncations that threw (or completed with)
 *                               {@link dev.jwal.api.error.WalIOException}, or
 *                               {@link dev.jwal.api.error.WalFailedException} after an earlier failure.
 *                               Entries refused by the codec and calls after close do not count
 */
public record WalStats(
        long nextLsn,
        long firstLsn,
        long lastCheckpointLsn,
        int segmentCount,
        long totalBytes,
        long appendedSinceOpen,
        long syncsSinceOpen,
        long entriesSinceCheckpoint,
        SyncLatency syncLatency,
        ActiveSegment activeSegment,
        long bytesAppendedSinceOpen,
        long durableLsn,
        boolean failed,
        long failuresSinceOpen) {

    /**
     * The segment appends go to: the last one, which is still growing.
     *
     * @param firstLsn the LSN of its first record (of the next record, while it holds none), or -1 before the
     *                 log has a segment (a new log creates its first segment at its first append)
     * @param bytes    bytes written to it: its header, if its format has one, and its records; room
     *                 preallocated after the last record does not count
     * @param entries  records in it, transaction markers and checkpoints included
     */
    public record ActiveSegment(long firstLsn, long bytes, long entries) {

        /** What a log that has no segment yet reports. */
        public static final ActiveSegment NONE = new ActiveSegment(-1, 0, 0);
    }
}
