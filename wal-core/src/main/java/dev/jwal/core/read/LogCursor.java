package dev.jwal.core.read;

import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.RecordsTruncatedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the records of a log across its segments, from a given LSN, checking
 * that LSNs are contiguous and treating damage as the recovery mode says:
 * damage at the very end of the last segment is a torn tail, anything else is
 * corruption. One segment is open at a time. Not thread safe.
 */
public final class LogCursor implements PlacedCursor {
    private final List<SegmentFile> segments;
    private final long lastSegmentEnd;
    private final long fromLsn;
    private final StartRule startRule;
    private final ReadContext context;
    private final IndexFeed index;
    /** Whether reading seeks with the segment index towards {@link #fromLsn} rather than passing every record. */
    private final boolean seeks;

    private int segmentIndex;
    private SegmentFile segment;
    private SegmentReader reader;
    private long lastLsn = -1;
    private boolean lsnKnown;
    private LogRecord pending;
    private boolean finished;
    private long tornTailOffset = -1;
    private boolean tornTailIncomplete;
    private long firstLsnOfLastSegment = -1;
    private SegmentShape lastSegmentShape;
    private long unusedSpaceOffset = -1;
    private long lastRecordEnd;
    private int damagedSinceRecord;
    /** Whether the current segment has yielded a record or damage yet. */
    private boolean segmentStarted;

    /**
     * @param segments           the segments to read, in order
     * @param lastSegmentEnd     how many bytes of the last segment to read (what a live writer has finished
     *                           writing), or {@code Long.MAX_VALUE} for all of it
     * @param fromLsn            records below this LSN are passed over
     * @param startRule          what a first record above {@code fromLsn} means
     * @param context            mode, limits, codecs and problem reporting
     */
    private LogCursor(List<SegmentFile> segments, long lastSegmentEnd, long fromLsn, StartRule startRule,
                      ReadContext context) {
        this.segments = List.copyOf(segments);
        this.lastSegmentEnd = lastSegmentEnd;
        this.fromLsn = fromLsn;
        this.startRule = startRule;
        this.context = context;
        this.index = new IndexFeed(context.indexes());
        this.seeks = startRule == StartRule.TRUNCATED;
        this.segmentIndex = firstSegmentThatMayHold(this.segments, fromLsn);
    }

    /**
     * A reader's cursor from {@code fromLsn}: records truncation deleted are reported
     * ({@link RecordsTruncatedException}), never passed over. In the segment that holds {@code fromLsn} it reads
     * the first record, then seeks with the segment's index to the last indexed record at or below
     * {@code fromLsn} (see {@link IndexFeed}), so that reading from an LSN costs a seek, not a scan.
     *
     * @param lastSegmentEnd how many bytes of the last segment to read, or {@code Long.MAX_VALUE} for all
     */
    public static LogCursor reading(List<SegmentFile> segments, long lastSegmentEnd, long fromLsn,
                                    ReadContext context) {
        return new LogCursor(segments, lastSegmentEnd, fromLsn, StartRule.TRUNCATED, context);
    }

    /**
     * Recovery's cursor: the records after {@code checkpointLsn} (-1: all), which must all be there: a first
     * record past the checkpoint's successor is corruption.
     */
    public static LogCursor recovering(List<SegmentFile> segments, long lastSegmentEnd, long checkpointLsn,
                                       ReadContext context) {
        return new LogCursor(segments, lastSegmentEnd, checkpointLsn + 1,
                checkpointLsn >= 0 ? StartRule.CORRUPT : StartRule.FIRST_AVAILABLE, context);
    }

    /** A scan of whatever the log holds from {@code fromLsn} on (the tail, a summary, a look-ahead). */
    public static LogCursor scanning(List<SegmentFile> segments, long lastSegmentEnd, long fromLsn,
                                     ReadContext context) {
        return new LogCursor(segments, lastSegmentEnd, fromLsn, StartRule.FIRST_AVAILABLE, context);
    }

    /** What it means when the first record read is above the LSN reading starts from. */
    private enum StartRule {
        /** Nothing: reading starts at the first record there is (a scan of whatever the log holds). */
        FIRST_AVAILABLE,
        /** The records in between are gone: {@link RecordsTruncatedException} (a reader's start). */
        TRUNCATED,
        /** The records in between should be there: corruption (recovery after a checkpoint). */
        CORRUPT
    }

    /**
     * Segment names bound their LSNs from above: segment i holds LSNs below the
     * number in the name of segment i + 1 (ours name a segment by its first LSN,
     * the reference's by first LSN + 1, so the bound holds for both).
     */
    static int firstSegmentThatMayHold(List<SegmentFile> segments, long lsn) {
        int index = 0;
        while (index + 1 < segments.size() && segments.get(index + 1).number() <= lsn) {
            index++;
        }
        return index;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            try {
                pending = advance();
            } catch (NoSuchFileException e) {
                finished = true;
                closeReader();
                throw truncatedWhileReading();
            } catch (IOException e) {
                finished = true;
                closeReader();
                throw new WalIOException("reading segment", segment == null ? null : segment.path(), e);
            }
        }
        return pending != null;
    }

    @Override
    public LogRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records");
        }
        LogRecord record = pending;
        pending = null;
        return record;
    }

    private LogRecord advance() throws IOException {
        while (true) {
            if (reader == null) {
                if (segmentIndex >= segments.size()) {
                    finish();
                    return null;
                }
                segment = segments.get(segmentIndex);
                reader = context.open(segment, isLastSegment() ? lastSegmentEnd : Long.MAX_VALUE);
                segmentStarted = false;
                index.opened(segment);
            }
            if (!reader.next()) {
                if (isLastSegment()) {
                    unusedSpaceOffset = reader.unusedSpaceOffset();
                }
                closeReader();
                segmentIndex++;
                continue;
            }
            SegmentReader.Damage damage = reader.damage();
            boolean firstInSegment = !segmentStarted;
            segmentStarted = true;
            if (damage != null) {
                index.damaged();
                if (!handleDamage(damage)) {
                    finish();
                    return null;
                }
                continue;
            }
            if (firstInSegment) {
                checkNamedFor(reader.lsn());
            }
            LogRecord record = accept(reader.lsn());
            if (record != null) {
                return record;
            }
            if (firstInSegment) {
                seekTowardsStart();
            }
        }
    }

    /** After the first record of a segment, below {@link #fromLsn}: skips, by the index, records before it. */
    private void seekTowardsStart() throws IOException {
        if (!seeks || !lsnKnown || lastLsn + 1 >= fromLsn) {
            return;
        }
        long landed = index.seekTowards(reader, segment, fromLsn, isLastSegment() ? lastSegmentEnd : Long.MAX_VALUE,
                lastLsn);
        if (landed >= 0) {
            lastLsn = landed - 1;
        }
    }

    /** The segment to read next was deleted after this cursor listed the directory: truncation. */
    private RecordsTruncatedException truncatedWhileReading() {
        long firstMissing = lsnKnown ? lastLsn + 1 : fromLsn;
        long lastMissing = segmentIndex + 1 < segments.size() ? segments.get(segmentIndex + 1).number() - 1 : -1;
        return new RecordsTruncatedException(firstMissing, Math.max(lastMissing, firstMissing),
                "segment " + segment.path() + " was deleted while this cursor was reading the log");
    }

    private boolean isLastSegment() {
        return segmentIndex == segments.size() - 1;
    }

    /**
     * A segment's name carries its first LSN (ours) or first LSN + 1 (the reference's). A first record that
     * agrees with neither is a file restored or renamed by hand: a stale copy would hand out LSNs twice.
     */
    private void checkNamedFor(long firstLsn) {
        long number = segment.number();
        if (firstLsn == number || firstLsn == number - 1) {
            return;
        }
        String detail = String.format("the segment's name says it starts at LSN %d, but its first record is "
                + "LSN %d: a file restored or renamed by hand", number, firstLsn);
        if (context.mode() != RecoveryMode.SKIP_CORRUPT) {
            throw corruption(detail, number, CorruptLogException.Kind.CORRUPT_RECORD, null);
        }
        report(LogProblem.Kind.SKIPPED_RECORD, number, detail);
    }

    /** Checks the LSN of a valid record; returns the record to emit, or null to pass over it. */
    private LogRecord accept(long lsn) {
        // Damaged records reported since the last good one account for that many missing LSNs.
        boolean explainedGap = lsn > lastLsn + 1 && lsn - lastLsn - 1 <= damagedSinceRecord;
        damagedSinceRecord = 0;
        if (lsnKnown && lsn != lastLsn + 1 && !explainedGap) {
            String detail = lsn > lastLsn
                    ? String.format("LSN gap: expected %d, found %d (%d records missing)", lastLsn + 1, lsn, lsn - lastLsn - 1)
                    : String.format("LSN out of order: expected %d, found %d", lastLsn + 1, lsn);
            if (context.mode() != RecoveryMode.SKIP_CORRUPT) {
                throw corruption(detail, lastLsn + 1, CorruptLogException.Kind.CORRUPT_RECORD, null);
            }
            report(LogProblem.Kind.SKIPPED_RECORD, lastLsn + 1, detail + (lsn < lastLsn ? "; record skipped" : ""));
            if (lsn <= lastLsn) {
                return null;
            }
        } else if (!lsnKnown && startRule == StartRule.TRUNCATED && lsn > fromLsn) {
            finish();
            throw new RecordsTruncatedException(fromLsn, lsn - 1, "the log's first record is LSN " + lsn
                    + ", in " + segment.path());
        } else if (!lsnKnown && startRule == StartRule.CORRUPT && lsn > fromLsn) {
            String detail = String.format("records %d to %d are missing: the log resumes at LSN %d", fromLsn, lsn - 1, lsn);
            if (context.mode() != RecoveryMode.SKIP_CORRUPT) {
                throw corruption(detail, fromLsn, CorruptLogException.Kind.CORRUPT_RECORD, null);
            }
            report(LogProblem.Kind.SKIPPED_RECORD, fromLsn, detail);
        }
        lastLsn = lsn;
        lsnKnown = true;
        index.passed(lsn, reader.offset());
        lastRecordEnd = reader.endOffset();
        if (isLastSegment() && firstLsnOfLastSegment < 0) {
            firstLsnOfLastSegment = lsn;
        }
        return lsn >= fromLsn ? new LogRecord(lsn, reader.entry()) : null;
    }

    /** Returns whether reading goes on after the damage. */
    private boolean handleDamage(SegmentReader.Damage damage) {
        boolean tornTail = damage.lastInSegment() && isLastSegment();
        long expected = lsnKnown ? lastLsn + 1 : damage.lsn();
        RecoveryMode mode = context.mode();
        if (mode == RecoveryMode.STRICT || (!tornTail && mode == RecoveryMode.TRUNCATE_TORN_TAIL)) {
            throw corruption(damage.detail(), expected,
                    tornTail ? CorruptLogException.Kind.TORN_TAIL : CorruptLogException.Kind.CORRUPT_RECORD,
                    damage.cause());
        }
        if (tornTail) {
            tornTailOffset = reader.offset();
            tornTailIncomplete = damage.incompleteRecord();
            report(LogProblem.Kind.TORN_TAIL, expected, "the segment's tail from here on is an incomplete write "
                    + "and is not part of the log: " + damage.detail());
            return false;
        }
        report(LogProblem.Kind.SKIPPED_RECORD, expected, damage.detail());
        if (damage.lsn() >= 0 && damage.lsn() == expected) {
            lastLsn = damage.lsn();
            lsnKnown = true;
        } else {
            damagedSinceRecord++;
        }
        return true;
    }

    private CorruptLogException corruption(String detail, long expectedLsn, CorruptLogException.Kind kind,
                                           Throwable cause) {
        long offset = reader.offset();
        finished = true;
        closeReader();
        return new CorruptLogException(segment.path(), offset, expectedLsn, kind, detail, cause);
    }

    private void report(LogProblem.Kind kind, long lsn, String detail) {
        context.problems().report(new LogProblem(kind, segment.path(), reader.offset(), lsn, detail));
    }

    private void finish() {
        finished = true;
        closeReader();
    }

    private void closeReader() {
        if (reader != null && isLastSegment()) {
            lastSegmentShape = reader.shape();
        }
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new WalIOException("closing segment", segment.path(), e);
            } finally {
                reader = null;
            }
        }
    }

    /** Where the torn tail that ended reading starts in the last segment, or -1 if reading did not end on one. */
    public long tornTailOffset() {
        return tornTailOffset;
    }

    /**
     * Whether the torn tail is only an incomplete final record (cut short by the end of the segment, nothing
     * after it), rather than damage that may hide complete records.
     */
    public boolean tornTailIsIncompleteRecord() {
        return tornTailIncomplete;
    }

    /** What reading the last segment learned of its layout, once reading reached its end; else null. */
    public SegmentShape lastSegmentShape() {
        return lastSegmentShape;
    }

    /** The LSN of the first valid record read in the last segment, or -1. */
    public long firstLsnOfLastSegment() {
        return firstLsnOfLastSegment;
    }

    /**
     * Where never-written preallocated room starts in the last segment, once reading reached it, or -1:
     * the end of the log's records, not damage.
     */
    public long unusedSpaceOffset() {
        return unusedSpaceOffset;
    }

    /** The offset just past the last valid record read, in its segment. */
    public long lastRecordEnd() {
        return lastRecordEnd;
    }

    /** The LSN of the last valid record read, or -1 if none was read. */
    public long lastLsn() {
        return lsnKnown ? lastLsn : -1;
    }

    /** The segment being read, or the last one read. */
    public SegmentFile currentSegment() {
        return segment;
    }

    @Override
    public Path currentPlace() {
        return segment.path();
    }

    /** The offset of the record just returned by {@link #next()}, in {@link #currentSegment()}. */
    @Override
    public long currentOffset() {
        return reader == null ? -1 : reader.offset();
    }

    @Override
    public void close() {
        finished = true;
        pending = null;
        closeReader();
    }
}
