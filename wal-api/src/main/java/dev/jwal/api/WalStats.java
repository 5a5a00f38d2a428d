package dev.jwal.api;

/**
 * A snapshot of a log's counters, taken by {@link WriteAheadLog#stats()}.
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
        SyncLatency syncLatency) {
}
