package dev.jwal.core;

import dev.jwal.api.SyncLatency;
import dev.jwal.api.WriteAheadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** The stats time every force; wal-testkit's SyncStatsTest counts the slow ones, on a slow simulated disk. */
class SyncStatsTest {
    @TempDir
    Path dir;

    @Test
    void everyDurableAppendIsTimedInTheLatencySummary() {
        try (WriteAheadLog log = Wal.open(config(dir).slowSyncThreshold(Duration.ofMinutes(1)).build())) {
            for (int i = 0; i < 5; i++) {
                log.append(upsert("v" + i, i));
            }
            SyncLatency latency = log.stats().syncLatency();
            assertThat(latency.count()).isGreaterThanOrEqualTo(5);
            assertThat(latency.max()).isGreaterThanOrEqualTo(latency.p99()).isGreaterThanOrEqualTo(latency.median());
            assertThat(latency.slowCount()).isZero();
            assertThat(latency.slowThreshold()).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void aFreshLogReportsAnEmptySummary() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            SyncLatency latency = log.stats().syncLatency();
            // Opening forces the directory, not a segment: no segment exists yet.
            assertThat(latency.count()).isZero();
            assertThat(latency.median()).isEqualTo(Duration.ZERO);
            assertThat(latency.slowThreshold()).isEqualTo(Duration.ofSeconds(1));
        }
    }
}
