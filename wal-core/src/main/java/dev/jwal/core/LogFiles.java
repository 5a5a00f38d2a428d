package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.read.LogCursor;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.read.RecoveryCursor;
import dev.jwal.core.read.TxnStack;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read side of a log directory, shared by the writer and read-only
 * inspection: cursors over a snapshot of the segments, recovery from the last
 * checkpoint, and the checkpoint LSN. Thread safe.
 */
final class LogFiles {
    private final Path directory;
    private final ReadContext context;
    private volatile OptionalLong checkpoint;

    /**
     * @param persistedCheckpoint the checkpoint file's LSN, or empty to look for the last Checkpoint record
     *                            in the log when first needed (a log written by the reference)
     */
    LogFiles(Path directory, ReadContext context, OptionalLong persistedCheckpoint) {
        this.directory = directory;
        this.context = context;
        this.checkpoint = persistedCheckpoint.isPresent() ? persistedCheckpoint : null;
    }

    ReadContext context() {
        return context;
    }

    /** Every record from {@code fromLsn}, reading the active segment only up to {@code bound}. */
    RecordCursor read(long fromLsn, SegmentBound bound) {
        List<SegmentFile> segments = SegmentDirectory.list(directory);
        return LogCursor.reading(segments, endOfLast(segments, bound), fromLsn, context);
    }

    /** What recovery replays: committed data entries after the last checkpoint. */
    RecordCursor recover(SegmentBound bound) {
        OptionalLong last = lastCheckpointLsn();
        return recoverAfter(last.isPresent() ? last.getAsLong() : -1, bound);
    }

    /** Committed data entries after {@code checkpointLsn} (-1: the whole log). */
    RecordCursor recoverAfter(long checkpointLsn, SegmentBound bound) {
        List<SegmentFile> segments = SegmentDirectory.list(directory);
        long end = endOfLast(segments, bound);
        LogCursor records = LogCursor.recovering(segments, end, checkpointLsn, context);
        ReadContext silent = context.reportingTo(ProblemReporter.SILENT);
        return new RecoveryCursor(records, lsn -> LogCursor.scanning(segments, end, lsn, silent),
                context.problems());
    }

    /**
     * The transactions still open at the end of the log, innermost first, found by
     * reading from the last checkpoint, or from {@code boundary} if that is later.
     * Damage is passed over silently: this only decides which transactions to close,
     * and recovery reports damage itself.
     *
     * <p>When the checkpoint is not known yet (no checkpoint file: a log written by
     * the reference), the same single pass finds the last Checkpoint record too, and
     * keeps it if the pass met no damage, so recovery does not read the log again to
     * find it.
     *
     * @param boundary an LSN at which no transaction was open, or -1 if none is known
     * @param bound    how far the active segment holds records (not its preallocated room), or null
     */
    List<Long> openTransactionsAtEnd(long boundary, SegmentBound bound) {
        OptionalLong known = checkpoint;
        long afterCheckpoint = known == null || known.isEmpty() ? 0 : known.getAsLong() + 1;
        long start = Math.max(afterCheckpoint, boundary);
        boolean findCheckpoint = known == null && start == 0;
        AtomicBoolean damaged = new AtomicBoolean();
        ReadContext lenient = context.withMode(RecoveryMode.SKIP_CORRUPT)
                .reportingTo(ProblemReporter.unlogged(problem -> damaged.set(true)));
        TxnStack<Void> open = new TxnStack<>();
        OptionalLong lastCheckpoint = OptionalLong.empty();
        List<SegmentFile> segments = SegmentDirectory.list(directory);
        try (LogCursor cursor = LogCursor.scanning(segments, endOfLast(segments, bound), start, lenient)) {
            while (cursor.hasNext()) {
                LogRecord record = cursor.next();
                if (findCheckpoint && record.entry() instanceof WalEntry.Checkpoint) {
                    // As if reading had started after it.
                    lastCheckpoint = OptionalLong.of(record.lsn());
                    open = new TxnStack<>();
                } else {
                    open.apply(record, lsn -> null);
                }
            }
        }
        if (findCheckpoint && !damaged.get()) {
            checkpoint = lastCheckpoint;
        }
        List<Long> ids = new ArrayList<>();
        open.openFrames().forEachRemaining(frame -> ids.add(frame.txnId()));
        return ids;
    }

    private static long endOfLast(List<SegmentFile> segments, SegmentBound bound) {
        if (bound != null && !segments.isEmpty() && segments.get(segments.size() - 1).equals(bound.segment())) {
            return bound.size();
        }
        return Long.MAX_VALUE;
    }

    /** The persisted checkpoint, or else the last Checkpoint record in the log (found once, then kept). */
    OptionalLong lastCheckpointLsn() {
        OptionalLong known = checkpoint;
        if (known == null) {
            known = findLastCheckpointRecord();
            checkpoint = known;
        }
        return known;
    }

    void checkpointPersisted(long lsn) {
        checkpoint = OptionalLong.of(lsn);
    }

    private OptionalLong findLastCheckpointRecord() {
        OptionalLong found = OptionalLong.empty();
        ReadContext silent = context.reportingTo(ProblemReporter.SILENT);
        try (LogCursor cursor = LogCursor.scanning(SegmentDirectory.list(directory), Long.MAX_VALUE, 0, silent)) {
            while (cursor.hasNext()) {
                LogRecord record = cursor.next();
                if (record.entry() instanceof WalEntry.Checkpoint) {
                    found = OptionalLong.of(record.lsn());
                }
            }
        }
        return found;
    }

    /** Counts segments and bytes and finds the first record's LSN. */
    Summary summary() {
        return summary(null);
    }

    /**
     * As {@link #summary()}, counting the segment {@code written} names only up to its written size, not its
     * preallocated room; {@code written} may be null.
     */
    Summary summary(SegmentBound written) {
        List<SegmentFile> segments = SegmentDirectory.list(directory);
        long bytes = 0;
        for (SegmentFile segment : segments) {
            if (written != null && segment.path().equals(written.segment().path())) {
                bytes += written.size();
                continue;
            }
            try {
                bytes += Files.size(segment.path());
            } catch (IOException e) {
                throw new WalIOException("reading the size of", segment.path(), e);
            }
        }
        return new Summary(segments.size(), bytes, firstLsn(segments));
    }

    /** The LSN of the oldest record still in the log, or -1 when it holds none. */
    long firstLsn() {
        return firstLsn(SegmentDirectory.list(directory));
    }

    private long firstLsn(List<SegmentFile> segments) {
        try (LogCursor cursor = LogCursor.scanning(segments, Long.MAX_VALUE, 0, context.reportingTo(ProblemReporter.SILENT))) {
            return cursor.hasNext() ? cursor.next().lsn() : -1;
        }
    }

    /**
     * @param segmentCount segment files
     * @param totalBytes   their total size
     * @param firstLsn     the first record's LSN, or -1 when there is none
     */
    record Summary(int segmentCount, long totalBytes, long firstLsn) {
    }
}
