package dev.jwal.core.read;

import dev.jwal.core.segment.SegmentFile;


import java.util.List;

/**
 * Where a log ends: found by reading its last segment (and, when that holds no
 * record, the ones before it until one does), never the whole log.
 *
 * @param lastLsn          the LSN of the last valid record, or -1 if no segment holds one
 * @param lastSegment      the last segment file, or null if there is none
 * @param validBytes       bytes of valid records in the last segment (where a torn tail starts, if any)
 * @param tornTailOffset   where a torn tail starts in the last segment, or -1 if it has none
 * @param unusedSpaceOffset where preallocated room never written starts in the last segment, or -1 if its
 *                          records (or its torn tail) run to its end
 */
public record LogTail(long lastLsn, SegmentFile lastSegment, long validBytes, long tornTailOffset,
                      long unusedSpaceOffset) {

    /**
     * Reads the tail of a log. Damage in the last segment is handled by the
     * context's mode (a torn tail is reported, not cut: cutting is the writer's).
     */
    public static LogTail find(List<SegmentFile> segments, ReadContext context) {
        if (segments.isEmpty()) {
            return new LogTail(-1, null, 0, -1, -1);
        }
        SegmentFile last = segments.get(segments.size() - 1);
        long lastLsn = -1;
        long validBytes = 0;
        long tornTail = -1;
        long unusedSpace = -1;
        for (int i = segments.size() - 1; i >= 0 && lastLsn < 0; i--) {
            // Reading on to the end keeps "only the last segment may be torn" true for the earlier ones.
            boolean isLast = i == segments.size() - 1;
            try (LogCursor cursor = new LogCursor(segments.subList(i, segments.size()), Long.MAX_VALUE, 0, false,
                    isLast ? context : context.reportingTo(ProblemReporter.SILENT))) {
                while (cursor.hasNext()) {
                    cursor.next();
                }
                lastLsn = cursor.lastLsn();
                if (isLast) {
                    validBytes = cursor.lastRecordEnd();
                    tornTail = cursor.tornTailOffset();
                    unusedSpace = cursor.unusedSpaceOffset();
                }
            }
        }
        return new LogTail(lastLsn, last, validBytes, tornTail, unusedSpace);
    }
}
