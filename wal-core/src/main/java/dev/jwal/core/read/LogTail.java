package dev.jwal.core.read;

import dev.jwal.core.segment.SegmentFile;

import java.util.List;

/**
 * Where a log ends: found by reading its last segment (and, when that holds no
 * record, the ones before it until one does), never the whole log.
 *
 * @param lastLsn              the LSN of the last valid record, or -1 if no segment holds one
 * @param lastSegment          the last segment file, or null if there is none
 * @param firstLsnOfLast       the LSN of the first valid record of the last segment, or -1 if it holds none
 * @param validBytes           bytes of valid records in the last segment (where a torn tail starts, if any)
 * @param end                  what follows those records: a torn tail, room never written, or nothing
 */
public record LogTail(long lastLsn, SegmentFile lastSegment, long firstLsnOfLast, long validBytes, End end) {

    /**
     * What follows the last segment's valid records.
     *
     * @param tornTailOffset     where a torn tail starts, or -1 if there is none
     * @param tornTailIncomplete whether that torn tail is only an incomplete final record, with nothing after it
     *                           that could be a record (cutting it loses nothing that was ever complete)
     * @param unusedSpaceOffset  where preallocated room never written starts, or -1 if the records (or the
     *                           torn tail) run to the end of the segment
     * @param shape              the segment's layout, as reading it found
     */
    public record End(long tornTailOffset, boolean tornTailIncomplete, long unusedSpaceOffset, SegmentShape shape) {
        /** No segment. */
        public static final End NONE = new End(-1, false, -1, SegmentShape.DAMAGED);
    }

    /** Where a torn tail starts in the last segment, or -1. */
    public long tornTailOffset() {
        return end.tornTailOffset();
    }

    /** Whether the torn tail is only an incomplete final record. */
    public boolean tornTailIncomplete() {
        return end.tornTailIncomplete();
    }

    /** Where never-written preallocated room starts in the last segment, or -1. */
    public long unusedSpaceOffset() {
        return end.unusedSpaceOffset();
    }

    /**
     * Reads the tail of a log. Damage in the last segment is handled by the
     * context's mode (a torn tail is reported, not cut: cutting is the writer's).
     */
    public static LogTail find(List<SegmentFile> segments, ReadContext context) {
        if (segments.isEmpty()) {
            return new LogTail(-1, null, -1, 0, End.NONE);
        }
        SegmentFile last = segments.get(segments.size() - 1);
        long lastLsn = -1;
        long firstOfLast = -1;
        long validBytes = 0;
        End end = End.NONE;
        for (int i = segments.size() - 1; i >= 0 && lastLsn < 0; i--) {
            // Reading on to the end keeps "only the last segment may be torn" true for the earlier ones.
            boolean isLast = i == segments.size() - 1;
            try (LogCursor cursor = LogCursor.scanning(segments.subList(i, segments.size()), Long.MAX_VALUE, 0, isLast ? context : context.reportingTo(ProblemReporter.SILENT))) {
                while (cursor.hasNext()) {
                    cursor.next();
                }
                lastLsn = cursor.lastLsn();
                if (isLast) {
                    firstOfLast = cursor.firstLsnOfLastSegment();
                    validBytes = cursor.lastRecordEnd();
                    end = new End(cursor.tornTailOffset(), cursor.tornTailIsIncompleteRecord(),
                            cursor.unusedSpaceOffset(), cursor.lastSegmentShape());
                }
            }
        }
        return new LogTail(lastLsn, last, firstOfLast, validBytes, end);
    }

    /** Whether the last segment holds a valid record. */
    public boolean lastSegmentHoldsRecords() {
        return firstLsnOfLast >= 0;
    }
}
