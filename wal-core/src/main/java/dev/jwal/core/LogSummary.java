package dev.jwal.core;

/**
 * Sizes and positions of a log, from {@link LogInspector#summary()}.
 *
 * @param segmentCount  segment files
 * @param totalBytes    bytes in all segment files, not counting preallocated room never written
 * @param firstLsn      the first record's LSN, or -1 when the log holds none
 * @param nextLsn       the LSN the next append would get
 * @param checkpointLsn the last checkpoint's LSN, or -1
 */
public record LogSummary(int segmentCount, long totalBytes, long firstLsn, long nextLsn, long checkpointLsn) {
}
