package dev.jwal.api.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncPolicyIntervalTest {

    @Test
    void subMillisecondIntervalIsRefused() {
        assertThatThrownBy(() -> SyncPolicy.interval(Duration.ofNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> SyncPolicy.interval(Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
    }

    @Test
    void intervalThatIsNotAWholeNumberOfMillisecondsIsRefused() {
        assertThatThrownBy(() -> SyncPolicy.interval(Duration.ofMillis(5).plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of milliseconds");
        assertThatThrownBy(() -> SyncPolicy.interval(Duration.ofSeconds(1).plus(500, ChronoUnit.MICROS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of milliseconds");
    }

    @Test
    void hugeIntervalIsRefusedWithIllegalArgumentNotArithmeticException() {
        assertThatThrownBy(() -> SyncPolicy.interval(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> SyncPolicy.interval(SyncPolicy.Interval.MAX.plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> SyncPolicy.parse("interval:" + Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    @Test
    void longestIntervalStillConvertsToNanoseconds() {
        assertThat(SyncPolicy.Interval.MAX.toNanos()).isPositive();
        assertThat(SyncPolicy.interval(SyncPolicy.Interval.MAX)).hasToString("interval:" + (Long.MAX_VALUE / 1_000_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interval:0", "interval:-1", "interval:-9223372036854775808"})
    void parseRefusesIntervalsUnderOneMillisecond(String text) {
        assertThatThrownBy(() -> SyncPolicy.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 999, 1_000, 86_400_000, Long.MAX_VALUE / 1_000_000})
    void everyAcceptedIntervalRoundTripsThroughToStringAndParse(long millis) {
        SyncPolicy policy = SyncPolicy.interval(Duration.ofMillis(millis));
        assertThat(SyncPolicy.parse(policy.toString())).isEqualTo(policy);
    }

    @Test
    void randomAcceptedIntervalsRoundTripThroughToStringAndParse() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(1, SyncPolicy.Interval.MAX.toMillis() + 1);
            SyncPolicy policy = SyncPolicy.interval(Duration.ofMillis(millis));
            assertThat(SyncPolicy.parse(policy.toString())).as("interval of %d ms", millis).isEqualTo(policy);
        }
    }

    @Test
    void everyOtherPolicyRoundTripsThroughToStringAndParse() {
        for (SyncPolicy policy : new SyncPolicy[] {SyncPolicy.everyWrite(), SyncPolicy.manual(),
                SyncPolicy.periodic(1), SyncPolicy.periodic(Integer.MAX_VALUE)}) {
            assertThat(SyncPolicy.parse(policy.toString())).isEqualTo(policy);
        }
    }
}
