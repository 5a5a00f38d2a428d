package dev.jwal.testkit;

import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failed force fails the log, and stats() says so: the log is failed and every refused call is counted. */
class FailureStatsTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    @Test
    void aFailedForceFailsTheLogAndEveryRefusedCallIsCounted() {
        WriteAheadLog log = Wal.open(WalConfig.builder(dir).syncPolicy(SyncPolicy.everyWrite()).build(), fs);
        log.append(Fixtures.entry(0));
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
        assertThatThrownBy(() -> log.append(Fixtures.entry(1))).isInstanceOf(WalIOException.class);
        assertThatThrownBy(() -> log.append(Fixtures.entry(2))).isInstanceOf(WalFailedException.class);
        assertThatThrownBy(log::sync).isInstanceOf(WalFailedException.class);

        WalStats stats = log.stats();
        assertThat(stats.failed()).isTrue();
        assertThat(stats.failuresSinceOpen()).isEqualTo(3);
        assertThat(stats.durableLsn()).isZero();
        fs.inject(FaultPlan.none());
        log.close();
    }
}
