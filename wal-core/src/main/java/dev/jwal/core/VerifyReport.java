package dev.jwal.core;

import dev.jwal.api.LogProblem;

import java.util.List;

/**
 * What {@link LogInspector#verify()} found.
 *
 * @param segments          segment files read
 * @param records           valid records read
 * @param firstLsn          the first valid record's LSN, or -1
 * @param lastLsn           the last valid record's LSN, or -1
 * @param checkpointLsn     the checkpoint LSN, or -1
 * @param problems          every torn tail, damaged record, LSN gap and checkpoint inconsistency, in file order
 */
public record VerifyReport(int segments, long records, long firstLsn, long lastLsn, long checkpointLsn,
                           List<LogProblem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** Whether every segment is complete and clean. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
