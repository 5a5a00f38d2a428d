package dev.jwal.cli;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.core.LogInspector;
import dev.jwal.core.LogSummary;

import java.nio.file.Path;

/**
 * How many records and bytes a log holds, for a progress bar's percentage and
 * message: found out once, on first use (when the bar first shows), and best
 * effort: when the log cannot be summed up (a damaged tail, say) the counts
 * are unknown and the problem is left for the command itself to report.
 * Not thread safe.
 */
final class LogSize {
    private final Path directory;
    private LogSummary summary;
    private boolean looked;

    LogSize(Path directory) {
        this.directory = directory;
    }

    /** Records from the log's first LSN to its next, or -1 if unknown. */
    long records() {
        LogSummary known = summary();
        if (known == null) {
            return -1;
        }
        return known.firstLsn() >= 0 ? known.nextLsn() - known.firstLsn() : 0;
    }

    /** The log's first LSN, or -1 if unknown or there is none. */
    long firstLsn() {
        LogSummary known = summary();
        return known == null ? -1 : known.firstLsn();
    }

    /** {@code "records, log 12 MiB"}: what a record count is, and the log's size when known. */
    String recordsOfLog() {
        LogSummary known = summary();
        return known == null ? "records" : "records, log " + ByteSize.format(known.totalBytes());
    }

    private LogSummary summary() {
        if (!looked) {
            looked = true;
            try {
                summary = LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> {
                }).summary();
            } catch (RuntimeException e) {
                summary = null;
            }
        }
        return summary;
    }
}
