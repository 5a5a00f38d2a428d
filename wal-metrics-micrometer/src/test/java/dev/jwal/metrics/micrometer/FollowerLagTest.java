package dev.jwal.metrics.micrometer;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.jwal.metrics.micrometer.WalMetricsTest.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code jwal.follower.lag}: records appended that a follower has not returned yet, per follower. */
class FollowerLagTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final MeterRegistry registry = new SimpleMeterRegistry();

    private double lag(String follower) {
        return registry.get("jwal.follower.lag").tags(WalMetrics.LOG_TAG, "orders", WalMetrics.FOLLOWER_TAG, follower)
                .gauge().value();
    }

    private WriteAheadLog open() {
        return Wal.open(WalConfig.builder(dir).syncPolicy(SyncPolicy.everyWrite()).codec("json").build());
    }

    @Test
    void theLagIsTheRecordsAppendedThatTheFollowerHasNotReturned() throws Exception {
        try (WriteAheadLog log = open(); WalMetrics metrics = WalMetrics.of(log, "orders");
             FollowCursor follower = log.follow(0)) {
            metrics.bindTo(registry);
            metrics.addFollower("replica", follower);
            assertThat(lag("replica")).isZero();

            for (int i = 0; i < 5; i++) {
                log.append(upsert("v" + i, i));
            }
            assertThat(lag("replica")).isEqualTo(5);

            follower.poll(WAIT);
            follower.poll(WAIT);
            assertThat(lag("replica")).isEqualTo(3);
        }
    }

    @Test
    void aFollowerAddedBeforeBindingIsRegisteredWhenBoundAndEachFollowerHasItsGauge() {
        try (WriteAheadLog log = open(); WalMetrics metrics = WalMetrics.of(log, "orders");
             FollowCursor early = log.follow(0); FollowCursor late = log.follow(2)) {
            log.append(upsert("a", 1f));
            metrics.addFollower("early", early);
            metrics.addFollower("late", late);

            metrics.bindTo(registry);

            assertThat(lag("early")).isEqualTo(1);
            assertThat(lag("late")).as("a follower ahead of the log lags by nothing").isZero();
        }
    }

    @Test
    void anEndedFollowerReadsNaNAndARemovedOneIsGone() {
        try (WriteAheadLog log = open(); WalMetrics metrics = WalMetrics.of(log, "orders")) {
            metrics.bindTo(registry);
            FollowCursor follower = log.follow(0);
            metrics.addFollower("replica", follower);

            follower.close();
            assertThat(lag("replica")).isNaN();

            metrics.removeFollower("replica");
            assertThat(registry.find("jwal.follower.lag").gauges()).isEmpty();
        }
    }

    @Test
    void closingTheBinderRemovesTheLagGauges() {
        try (WriteAheadLog log = open(); FollowCursor follower = log.follow(0)) {
            WalMetrics metrics = WalMetrics.of(log, "orders");
            metrics.bindTo(registry);
            metrics.addFollower("replica", follower);

            metrics.close();

            assertThat(registry.find("jwal.follower.lag").gauges()).isEmpty();
        }
    }

    @Test
    void aBlankFollowerNameIsRefused() {
        try (WriteAheadLog log = open(); WalMetrics metrics = WalMetrics.of(log, "orders");
             FollowCursor follower = log.follow(0)) {
            assertThatThrownBy(() -> metrics.addFollower(" ", follower)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
