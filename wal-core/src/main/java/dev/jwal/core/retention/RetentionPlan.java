package dev.jwal.core.retention;

import dev.jwal.api.config.RetentionPolicy;
import dev.jwal.core.segment.SegmentFile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which segments a {@link RetentionPolicy} deletes: the oldest ones, one after another, while any limit is
 * exceeded (more segments than {@code maxSegments}, more bytes than {@code maxBytes}, or the oldest older than
 * {@code maxAge}), stopping at the first segment that may not go: one holding a record at or after
 * {@code keepFromLsn} (the record after the last checkpoint, or the first one a listener has not taken), or the
 * active segment. Counts and bytes include every segment, the kept ones too. A pure function. Stateless.
 */
public final class RetentionPlan {
    private RetentionPlan() {
    }

    /**
     * @param segments    every segment of the log, in order, the active one included
     * @param active      the segment appends go to, or null
     * @param keepFromLsn no segment holding a record at or after this LSN is chosen
     * @param policy      the limits
     * @param now         the time ages are measured at
     * @return the segments to delete, oldest first: a prefix of {@code segments}
     */
    public static List<SegmentFile> choose(List<SegmentStat> segments, SegmentFile active, long keepFromLsn,
                                           RetentionPolicy policy, Instant now) {
        if (policy.keepsAll()) {
            return List.of();
        }
        List<SegmentFile> files = segments.stream().map(SegmentStat::file).toList();
        List<SegmentFile> deletable = Deletable.before(files, active, keepFromLsn);
        long maxSegments = policy.maxSegments().isPresent() ? policy.maxSegments().getAsInt() : Long.MAX_VALUE;
        long maxBytes = policy.maxBytes().orElse(Long.MAX_VALUE);
        Duration maxAge = policy.maxAge().orElse(null);
        long count = segments.size();
        long bytes = segments.stream().mapToLong(SegmentStat::bytes).sum();
        List<SegmentFile> chosen = new ArrayList<>();
        for (int i = 0; i < deletable.size(); i++) {
            SegmentStat oldest = segments.get(i);
            boolean tooOld = maxAge != null && Duration.between(oldest.modified(), now).compareTo(maxAge) > 0;
            if (count <= maxSegments && bytes <= maxBytes && !tooOld) {
                break;
            }
            chosen.add(oldest.file());
            count--;
            bytes -= oldest.bytes();
        }
        return chosen;
    }
}
