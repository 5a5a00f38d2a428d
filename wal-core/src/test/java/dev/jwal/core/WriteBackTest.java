package dev.jwal.core;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under manual sync a large unforced tail is forced in the background, so rotation, which forces
 * the full segment before the next one takes records, has little left to wait for.
 */
class WriteBackTest {
    @TempDir
    Path dir;

    private static WalEntry bigEntry(int i) {
        float[] values = new float[1536];
        Arrays.fill(values, i + 0.25f);
        return upsert("v" + i, values);
    }

    @Test
    void aLargeUnforcedTailIsForcedInTheBackground() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            long bytes = 0;
            for (int i = 0; bytes < 6L * 1024 * 1024; i++) {
                log.append(bigEntry(i));
                bytes = log.stats().totalBytes();
            }
            await("a background force").atMost(Duration.ofSeconds(30))
                    .until(() -> log.stats().syncsSinceOpen() > 0);
        }
    }

    @Test
    void aSmallUnforcedTailIsLeftToTheCaller() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("v" + i, i));
            }
            assertThat(log.stats().syncsSinceOpen()).isZero();
        }
    }
}
