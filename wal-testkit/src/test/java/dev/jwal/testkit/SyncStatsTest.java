package dev.jwal.testkit;

import dev.jwal.api.SyncLatency;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.jwal.testkit.Fixtures.config;
import static dev.jwal.testkit.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** The slow half of wal-core's SyncStatsTest: forces slower than the threshold are counted as slow. */
class SyncStatsTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    @Test
    void forcesSlowerThanTheThresholdAreCountedAsSlow() {
        try (WriteAheadLog log = Wal.open(config(dir).slowSyncThreshold(Duration.ofMillis(10)).build(), fs)) {
            fs.inject(FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(30)).build());
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            SyncLatency latency = log.stats().syncLatency();
            assertThat(latency.slowCount()).isGreaterThanOrEqualTo(2);
            assertThat(latency.max()).isGreaterThanOrEqualTo(Duration.ofMillis(29));
        }
    }
}
