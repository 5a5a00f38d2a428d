package dev.jwal.core.retention;

import dev.jwal.core.segment.SegmentFile;

import java.util.ArrayList;
import java.util.List;

/**
 * Which whole segments lie below an LSN: the rule both explicit truncation and retention delete by. A segment
 * is wholly below {@code upToLsn} when the segment after it starts at or before {@code upToLsn} (its name
 * carries its first LSN, or one more for a segment the reference wrote, which only makes the rule stricter).
 * The last segment has no successor and so never qualifies; nor does the active one. Stateless.
 */
public final class Deletable {
    private Deletable() {
    }

    /**
     * The oldest segments whose records all lie below {@code upToLsn}, in order.
     *
     * @param segments the log's segments, in order
     * @param active   the segment appends go to, or null
     */
    public static List<SegmentFile> before(List<SegmentFile> segments, SegmentFile active, long upToLsn) {
        List<SegmentFile> result = new ArrayList<>();
        for (int i = 0; i + 1 < segments.size(); i++) {
            SegmentFile segment = segments.get(i);
            if (segment.equals(active) || segments.get(i + 1).number() > upToLsn) {
                break;
            }
            result.add(segment);
        }
        return result;
    }
}
