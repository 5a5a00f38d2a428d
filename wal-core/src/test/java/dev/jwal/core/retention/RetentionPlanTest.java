package dev.jwal.core.retention;

import dev.jwal.api.config.RetentionPolicy;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.SegmentName;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which segments a policy deletes, as a pure function of the segments, the kept LSN and the limits. */
class RetentionPlanTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 500)
    void neverChoosesASegmentHoldingARecordAtOrAfterTheKeptLsn(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 50) Integer> recordsPerSegment,
            @ForAll @IntRange(min = 0, max = 1600) int keepFromLsn,
            @ForAll("policies") RetentionPolicy policy) {
        List<SegmentStat> segments = segments(recordsPerSegment);
        SegmentFile active = segments.get(segments.size() - 1).file();

        List<SegmentFile> chosen = RetentionPlan.choose(segments, active, keepFromLsn, policy, NOW);

        for (SegmentFile segment : chosen) {
            int i = indexOf(segments, segment);
            assertThat(i).as("never the active segment").isLessThan(segments.size() - 1);
            long lastLsn = segments.get(i + 1).file().number() - 1;
            assertThat(lastLsn).as("last LSN of %s", segment.fileName()).isLessThan(keepFromLsn);
        }
    }

    @Property(tries = 500)
    void choosesTheOldestSegmentsOnlyAndStopsOnceEveryLimitHolds(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 50) Integer> recordsPerSegment,
            @ForAll("policies") RetentionPolicy policy) {
        List<SegmentStat> segments = segments(recordsPerSegment);
        SegmentFile active = segments.get(segments.size() - 1).file();

        List<SegmentFile> chosen = RetentionPlan.choose(segments, active, Long.MAX_VALUE, policy, NOW);

        for (int i = 0; i < chosen.size(); i++) {
            assertThat(chosen.get(i)).as("a prefix of the log").isEqualTo(segments.get(i).file());
        }
        List<SegmentStat> kept = segments.subList(chosen.size(), segments.size());
        boolean moreDeletable = kept.size() > 1;
        if (moreDeletable) {
            assertThat(withinLimits(kept, policy)).as("stopped while %s still exceeds a limit", kept).isTrue();
        }
        if (!chosen.isEmpty()) {
            List<SegmentStat> beforeLast = segments.subList(chosen.size() - 1, segments.size());
            assertThat(withinLimits(beforeLast, policy)).as("deleted a segment it did not need to").isFalse();
        }
    }

    @Test
    void keepAllChoosesNothing() {
        List<SegmentStat> segments = segments(List.of(5, 5, 5, 5));

        assertThat(RetentionPlan.choose(segments, null, Long.MAX_VALUE, RetentionPolicy.keepAll(), NOW)).isEmpty();
    }

    @Test
    void maxSegmentsDeletesTheOldestDownToTheLimit() {
        List<SegmentStat> segments = segments(List.of(5, 5, 5, 5, 5));

        List<SegmentFile> chosen = RetentionPlan.choose(segments, segments.get(4).file(), Long.MAX_VALUE,
                RetentionPolicy.builder().maxSegments(2).build(), NOW);

        assertThat(chosen).containsExactly(segments.get(0).file(), segments.get(1).file(), segments.get(2).file());
    }

    @Test
    void theKeptLsnStopsDeletionBeforeTheLimitIsMet() {
        List<SegmentStat> segments = segments(List.of(5, 5, 5, 5, 5));

        // LSN 7 is in the second segment: only the first lies wholly below it.
        List<SegmentFile> chosen = RetentionPlan.choose(segments, segments.get(4).file(), 7,
                RetentionPolicy.builder().maxSegments(1).build(), NOW);

        assertThat(chosen).containsExactly(segments.get(0).file());
    }

    @Test
    void maxAgeDeletesOnlyTheSegmentsOlderThanIt() {
        List<SegmentStat> segments = segments(List.of(5, 5, 5, 5)); // modified 4, 3, 2 and 1 hours ago

        List<SegmentFile> chosen = RetentionPlan.choose(segments, segments.get(3).file(), Long.MAX_VALUE,
                RetentionPolicy.builder().maxAge(Duration.ofMinutes(150)).build(), NOW);

        assertThat(chosen).containsExactly(segments.get(0).file(), segments.get(1).file());
    }

    @Test
    void maxBytesCountsEverySegmentTheActiveOneToo() {
        List<SegmentStat> segments = segments(List.of(5, 5, 5, 5)); // 100 bytes each

        List<SegmentFile> chosen = RetentionPlan.choose(segments, segments.get(3).file(), Long.MAX_VALUE,
                RetentionPolicy.builder().maxBytes(250).build(), NOW);

        assertThat(chosen).containsExactly(segments.get(0).file(), segments.get(1).file());
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 40);
        Arbitrary<Long> bytes = Arbitraries.longs().between(0, 40_000);
        Arbitrary<Integer> hours = Arbitraries.integers().between(0, 40);
        return Combinators.combine(count, bytes, hours).as((c, b, h) -> {
            RetentionPolicy.Builder builder = RetentionPolicy.builder();
            if (c > 0) {
                builder.maxSegments(c);
            }
            if (b > 0) {
                builder.maxBytes(b);
            }
            if (h > 0) {
                builder.maxAge(Duration.ofHours(h).minusMinutes(30));
            }
            return builder.build();
        });
    }

    private static boolean withinLimits(List<SegmentStat> kept, RetentionPolicy policy) {
        long bytes = kept.stream().mapToLong(SegmentStat::bytes).sum();
        boolean oldestTooOld = policy.maxAge().isPresent()
                && Duration.between(kept.get(0).modified(), NOW).compareTo(policy.maxAge().get()) > 0;
        return kept.size() <= policy.maxSegments().orElse(Integer.MAX_VALUE)
                && bytes <= policy.maxBytes().orElse(Long.MAX_VALUE) && !oldestTooOld;
    }

    /** Segments holding the given numbers of records, 20 bytes a record, the oldest modified longest ago. */
    private static List<SegmentStat> segments(List<Integer> recordsPerSegment) {
        List<SegmentStat> segments = new ArrayList<>();
        long lsn = 0;
        int n = recordsPerSegment.size();
        for (int i = 0; i < n; i++) {
            SegmentFile file = new SegmentFile(Path.of(SegmentName.of(lsn)), lsn);
            segments.add(new SegmentStat(file, 20L * recordsPerSegment.get(i), NOW.minus(Duration.ofHours(n - i))));
            lsn += recordsPerSegment.get(i);
        }
        return segments;
    }

    private static int indexOf(List<SegmentStat> segments, SegmentFile file) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).file().equals(file)) {
                return i;
            }
        }
        throw new AssertionError(file + " is not a segment");
    }
}
