package dev.jwal.testkit;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.LogInspector;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under every-write, a follower in another process (sharing only the directory, as {@link LogInspector#follow}
 * does) never reports a record that a power loss then removes: records are in the files before they are
 * forced, and the follower must not take them for durable. Appends run asynchronously, so many records are
 * written and not yet forced at any moment, and forces are slowed to widen that window; the power is cut
 * while the follower reads. Each run also reads the files past the durable LSN plainly just before the power
 * loss, to show that a reader that did not wait for durability would have seen records the loss took.
 */
class FollowerNeverSeesLostRecordsTest {
    /**
     * Runs per test. In about four runs in ten a force covers the records the plain read saw before the power is
     * cut (more often in a JVM's first run), so the witness that some were lost needs enough runs: with four,
     * all four saw none in about one test in ten.
     */
    private static final int RUNS = Math.max(8, PowerLossTest.RUNS / 2);
    private static final int APPENDERS = 3;
    private static final int IN_FLIGHT = 32;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void aFollowerNeverReportsARecordAPowerLossThenRemoves() throws Exception {
        int visibleThenLost = 0;
        for (int run = 0; run < RUNS; run++) {
            Layout layout = Layout.values()[run % Layout.values().length];
            visibleThenLost += runOnce(layout, PowerLossTest.SEED + run);
        }
        assertThat(visibleThenLost).as("records a plain reader saw just before a power loss took them, over %d runs",
                RUNS).isPositive();
    }

    /** Returns how many records a plain read saw just before the power loss that the loss then took. */
    private int runOnce(Layout layout, long seed) throws Exception {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory(root, "run");
        WalConfig config = layout.config(dir).syncPolicy(SyncPolicy.everyWrite()).build();
        String context = layout + ", seed " + seed;
        SimulatedFileSystem fs = new SimulatedFileSystem(
                FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(5)).build());
        List<LogRecord> followed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 1);
        List<LogRecord> visible;
        WriteAheadLog log = Wal.open(config, fs);
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> { });
        FollowCursor follower = inspector.follow(0, Duration.ofMillis(1));
        try {
            // Polls rather than hasNext/next: the cursor is closed from this thread while the follower reads.
            Future<?> following = pool.submit(() -> {
                while (!follower.ended()) {
                    follower.poll(Duration.ofMillis(10)).ifPresent(followed::add);
                }
                return null;
            });
            AtomicInteger ids = new AtomicInteger();
            for (int t = 0; t < APPENDERS; t++) {
                pool.submit(() -> appendUntilPoweredOff(log, fs, ids));
            }
            int threshold = 20 + random.nextInt(60);
            await().atMost(WAIT).until(() -> followed.size() >= threshold);
            // The records in the files past the durable LSN: what a reader that did not wait for it would see.
            visible = Cursors.drain(inspector.read(log.durableLsn() + 1));

            fs.powerLoss();

            follower.close();
            following.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            SimulatedFileSystem.closeAbandoned(log);
        }

        Map<Long, WalEntry> kept = new HashMap<>();
        for (LogRecord record : Fixtures.records(config)) {
            kept.put(record.lsn(), record.entry());
        }
        assertThat(followed).as("%s: followed records, in order", context).extracting(LogRecord::lsn)
                .isSorted().doesNotHaveDuplicates();
        for (LogRecord record : followed) {
            assertThat(kept.get(record.lsn())).as("%s: followed LSN %d after the power loss", context, record.lsn())
                    .isEqualTo(record.entry());
        }
        int lost = 0;
        for (LogRecord record : visible) {
            if (!record.entry().equals(kept.get(record.lsn()))) {
                lost++;
            }
        }
        return lost;
    }

    /** Appends asynchronously, keeping up to {@link #IN_FLIGHT} records unforced, until the power goes. */
    private static void appendUntilPoweredOff(WriteAheadLog log, SimulatedFileSystem fs, AtomicInteger ids) {
        ArrayDeque<CompletableFuture<Long>> inFlight = new ArrayDeque<>();
        try {
            while (!fs.isPoweredOff()) {
                inFlight.add(log.appendAsync(Fixtures.entry(ids.getAndIncrement())));
                if (inFlight.size() >= IN_FLIGHT) {
                    inFlight.poll().join();
                }
            }
        } catch (RuntimeException e) {
            if (!fs.isPoweredOff()) {
                throw e;
            }
        }
    }
}
