package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.jwal.testkit.Fixtures.everyWrite;
import static dev.jwal.testkit.Fixtures.reopenAndCheck;

/**
 * Randomized: a process is killed at a random file operation (nothing acknowledged may be lost), a second
 * process reopens the log, checks it, goes on, and loses the power at a random operation; the log reopened
 * after that must keep what the policy promised for both processes' records. Runs per layout and policy:
 * {@code jwal.powerloss.runs} / 2.
 */
class KillThenPowerLossTest {
    static final int RUNS = Math.max(1, PowerLossTest.RUNS / 2);

    @TempDir
    Path root;

    @TestFactory
    List<DynamicTest> aKillThenAPowerLossKeepsThePromises() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (SyncPolicy policy : Fixtures.SYNC_POLICIES) {
                // One large segment: the second process appends to the first one's (see the disabled test).
                tests.add(DynamicTest.dynamicTest(layout + ", " + policy, () -> runAll(layout, policy, 1 << 20)));
            }
        }
        return tests;
    }

    /** With small segments the second process often starts a new one: the case ProcessCrashTest pins down. */
    @Test
    void withSmallSegments() throws Exception {
        for (Layout layout : Layout.values()) {
            for (SyncPolicy policy : Fixtures.SYNC_POLICIES) {
                runAll(layout, policy, 600);
            }
        }
    }

    private void runAll(Layout layout, SyncPolicy policy, long segmentSize) throws Exception {
        for (int run = 0; run < RUNS; run++) {
            long seed = PowerLossTest.SEED + run;
            Random random = new Random(seed);
            Path dir = Files.createTempDirectory(root, "run");
            WalConfig config = layout.config(dir).segmentSize(segmentSize).syncPolicy(policy).build();
            String context = layout + ", " + policy + ", segments of " + segmentSize + ", seed " + seed;
            SimulatedFileSystem fs = new SimulatedFileSystem(
                    FaultPlan.builder().crashProcessBefore(1 + random.nextInt(60)).build());
            AcknowledgedHistory history = new AcknowledgedHistory();
            WriteAheadLog first = open(config, fs);
            if (first != null) {
                run(first, fs, history, workload(seed, policy));
            }
            if (!fs.isCrashed()) {
                fs.crashProcess();
            }
            if (first != null) {
                SimulatedFileSystem.closeAbandoned(first);
            }
            fs.restart();
            PowerLossOptions options = PowerLossOptions.forSeed(seed);
            fs.inject(FaultPlan.builder().powerLossBefore(1 + random.nextInt(60), options).build());
            WriteAheadLog second = null;
            try {
                second = Wal.open(config, fs);
            } catch (WalException e) {
                if (!fs.isPoweredOff()) {
                    throw new AssertionError(context + ": the log did not reopen after the kill", e);
                }
            }
            if (second != null) {
                history.checkReopened(second, everyWrite()).assertOk(context + ", after the kill");
                run(second, fs, history, workload(seed + 1_000_000, policy));
            }
            if (!fs.isPoweredOff()) {
                fs.powerLoss(options);
            }
            DurabilityPromise promise = DurabilityPromise.of(policy, fs, dir);
            if (second != null) {
                SimulatedFileSystem.closeAbandoned(second);
            }
            try {
                reopenAndCheck(config, history, promise);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(context + ": reopening after the power loss failed", e);
            }
        }
    }

    private static RandomWorkload workload(long seed, SyncPolicy policy) {
        return RandomWorkload.builder(seed).operations(20).transactions(0.15).checkpoints(0.05)
                .syncs(policy instanceof SyncPolicy.Manual ? 0.1 : 0)
                .pauses(policy instanceof SyncPolicy.Interval ? 0.3 : 0).build();
    }

    /** Opens the log, or returns null if the process crashed while opening it. */
    private static WriteAheadLog open(WalConfig config, SimulatedFileSystem fs) {
        try {
            return Wal.open(config, fs);
        } catch (WalException e) {
            if (!fs.isCrashed()) {
                throw e;
            }
            return null;
        }
    }

    private static void run(WriteAheadLog log, SimulatedFileSystem fs, AcknowledgedHistory history,
                            Workload workload) throws Exception {
        try {
            workload.run(log, history);
        } catch (WalException e) {
            if (!fs.isCrashed() && !fs.isPoweredOff()) {
                throw e;
            }
        }
    }
}
