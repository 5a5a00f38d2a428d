package dev.jwal.core.write;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.count()).isZero();
        assertThat(histogram.percentileMicros(50)).isZero();
        assertThat(histogram.percentileMicros(99)).isZero();
        assertThat(histogram.maxNanos()).isZero();
        assertThat(histogram.meanNanos()).isZero();
    }

    @Test
    void bucketsAreContiguousAndEachHoldsItsOwnRange() {
        long previousHighest = -1;
        for (int i = 0; i <= LatencyHistogram.index(LatencyHistogram.MAX_MICROS); i++) {
            long lowest = previousHighest + 1;
            long highest = LatencyHistogram.highestValue(i);
            assertThat(LatencyHistogram.index(lowest)).as("lowest of bucket %d", i).isEqualTo(i);
            assertThat(LatencyHistogram.index(highest)).as("highest of bucket %d", i).isEqualTo(i);
            // Two significant digits: a bucket is never wider than 1/128 of its lowest value.
            assertThat(highest - lowest).isLessThanOrEqualTo(Math.max(0, lowest / 128));
            previousHighest = highest;
        }
        assertThat(previousHighest).isEqualTo(LatencyHistogram.MAX_MICROS);
    }

    @Test
    void countMeanAndMaxAreExactAndPercentilesWithinOnePercentOfNearestRank() {
        SplittableRandom random = new SplittableRandom(13);
        for (int round = 0; round < 50; round++) {
            LatencyHistogram histogram = new LatencyHistogram();
            int n = 1 + random.nextInt(5_000);
            long[] nanos = new long[n];
            long sum = 0;
            for (int i = 0; i < n; i++) {
                // Log-uniform from 100 ns to about 30 s: fsyncs of tmpfs, SSDs and struggling disks.
                nanos[i] = (long) Math.pow(10, 2 + random.nextDouble() * 8.5);
                sum += nanos[i];
                histogram.record(nanos[i]);
            }
            Arrays.sort(nanos);
            assertThat(histogram.count()).isEqualTo(n);
            assertThat(histogram.maxNanos()).isEqualTo(nanos[n - 1]);
            assertThat(histogram.meanNanos()).isEqualTo(Math.round((double) sum / n));
            for (double percentile : new double[] {50, 90, 99, 99.9, 100}) {
                long exactMicros = nanos[(int) Math.max(0, Math.ceil(percentile / 100 * n) - 1)] / 1_000;
                long reported = histogram.percentileMicros(percentile);
                assertThat(reported).as("p%s of %d values", percentile, n)
                        .isGreaterThanOrEqualTo(exactMicros)
                        .isLessThanOrEqualTo(exactMicros + exactMicros / 100)
                        .isLessThanOrEqualTo(histogram.maxNanos() / 1_000);
            }
        }
    }

    @Test
    void negativeDurationsCountAsZeroAndHugeOnesKeepTheirExactMax() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE / 2);
        assertThat(histogram.count()).isEqualTo(2);
        assertThat(histogram.percentileMicros(50)).isZero();
        assertThat(histogram.maxNanos()).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(histogram.percentileMicros(100)).isEqualTo(LatencyHistogram.MAX_MICROS);
    }
}
