package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.jwal.testkit.Fixtures.config;
import static dev.jwal.testkit.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault half of wal-core's AsyncAndBatchAppendTest: a failed force reaches the future waiting for it. */
class AsyncAndBatchAppendTest {
    @TempDir
    Path dir;

    @Test
    void failedForceFailsTheWaitingFuture() {
        SimulatedFileSystem fs = new SimulatedFileSystem();
        try (WriteAheadLog log = Wal.open(config(dir).build(), fs)) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 1).build());
            CompletableFuture<Long> future = log.appendAsync(upsert("a", 1f));
            assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WalIOException.class);
        }
    }
}
