package dev.jwal.core.write;

/**
 * A latency histogram in microseconds with two significant digits, in the manner of HdrHistogram (whose
 * jar, with no module name, a published module descriptor cannot require): every value below 256 µs has
 * its own bucket; above, a bucket holds the values that share their top 8 bits, so a value read back is
 * at most 1/128 (under 0.8%) above the one recorded. 3,328 buckets cover up to 2^32 µs (71 minutes);
 * larger values are recorded as {@link #MAX_MICROS}.
 *
 * <p>The count, the sum and the maximum are kept exactly, in nanoseconds, beside the buckets, so the mean
 * and the maximum are exact; only percentiles come from the buckets.
 *
 * <p>Not thread safe: {@link SyncTimer} guards it.
 */
final class LatencyHistogram {
    /** The largest value the buckets tell apart, about 71 minutes; anything longer lands in the last bucket. */
    static final long MAX_MICROS = (1L << 32) - 1;

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;      // 128 buckets per power of two above 256
    private static final int EXACT = 2 * SUB_BUCKETS;                    // values 0..255 are exact
    private static final int BUCKETS = index(MAX_MICROS) + 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sumNanos;
    private long maxNanos;

    /** Records one duration; a negative one (a clock that stepped back) counts as zero. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(Math.min(MAX_MICROS, value / 1_000))]++;
        count++;
        sumNanos = saturatedAdd(sumNanos, value);
        maxNanos = Math.max(maxNanos, value);
    }

    long count() {
        return count;
    }

    /** The sum of the durations recorded, exactly (saturating at {@code Long.MAX_VALUE}); 0 when nothing was. */
    long sumNanos() {
        return sumNanos;
    }

    /** The largest duration recorded, exactly; 0 when nothing was. */
    long maxNanos() {
        return maxNanos;
    }

    /** The mean duration, exact to the nanosecond (rounded); 0 when nothing was recorded. */
    long meanNanos() {
        return count == 0 ? 0 : Math.round((double) sumNanos / count);
    }

    /**
     * The value at {@code percentile} by nearest rank: the smallest recorded value (as its bucket's highest
     * value, never above the exact maximum) that at least {@code percentile}% of the values do not exceed.
     *
     * @param percentile from 0 (exclusive) to 100
     * @return microseconds; 0 when nothing was recorded
     */
    long percentileMicros(double percentile) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestValue(i), maxNanos / 1_000);
            }
        }
        return maxNanos / 1_000;
    }

    /** The bucket of {@code micros}, from 0 to {@code MAX_MICROS}. */
    static int index(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int shift = 64 - Long.numberOfLeadingZeros(micros) - (SUB_BUCKET_BITS + 1);
        return EXACT + (shift - 1) * SUB_BUCKETS + (int) ((micros >>> shift) - SUB_BUCKETS);
    }

    /** The highest value bucket {@code index} holds. */
    static long highestValue(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB_BUCKETS + 1;
        long top = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((top + 1) << shift) - 1;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
