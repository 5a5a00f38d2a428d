package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.jwal.testkit.Fixtures.reopenAndCheck;

/**
 * Randomized: a random fault (a failed write, force, creation, rename, directory force, open, replace or
 * delete, a short write, or a full disk) hits a random operation of a workload; the application closes and
 * reopens the log in the same boot, as README says, checks it, goes on, and loses the power at a random
 * operation. Both checks hold the log to its policy's promise. Runs per layout and policy:
 * {@code jwal.powerloss.runs} / 2.
 */
class FaultThenPowerLossTest {
    static final int RUNS = Math.max(1, PowerLossTest.RUNS / 2);
    static final FileOperation[] FAILING = {FileOperation.WRITE, FileOperation.FORCE, FileOperation.CREATE,
        FileOperation.RENAME, FileOperation.FORCE_DIRECTORY, FileOperation.OPEN, FileOperation.REPLACE,
        FileOperation.DELETE};

    @TempDir
    Path root;

    @TestFactory
    List<DynamicTest> aFaultThenAReopenThenAPowerLossKeepsThePromises() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (SyncPolicy policy : Fixtures.SYNC_POLICIES) {
                tests.add(DynamicTest.dynamicTest(layout + ", " + policy, () -> runAll(layout, policy, 600)));
            }
        }
        return tests;
    }

    private void runAll(Layout layout, SyncPolicy policy, long segmentSize) throws Exception {
        for (int run = 0; run < RUNS; run++) {
            long seed = PowerLossTest.SEED + run;
            Random random = new Random(seed);
            Path dir = Files.createTempDirectory(root, "run");
            WalConfig config = layout.config(dir).segmentSize(segmentSize).syncPolicy(policy).build();
            FaultPlan fault = randomFault(random);
            String context = layout + ", " + policy + ", segments of " + segmentSize + ", seed " + seed + ", "
                    + fault;
            SimulatedFileSystem fs = new SimulatedFileSystem(fault);
            AcknowledgedHistory history = new AcknowledgedHistory();
            try (WriteAheadLog first = Wal.open(config, fs)) {
                workload(seed, policy).run(first, history);
            } catch (WalException expected) {
                // The fault reached an open, an append or the close.
            }
            DurabilityPromise atFault = DurabilityPromise.of(policy, fs, dir);
            fs.inject(FaultPlan.none());
            WriteAheadLog second = Wal.open(config, fs);
            history.checkReopened(second, atFault).assertOk(context + ", reopened after the fault");
            PowerLossOptions options = PowerLossOptions.forSeed(seed);
            fs.inject(FaultPlan.builder().powerLossBefore(1 + random.nextInt(60), options).build());
            try {
                workload(seed + 1_000_000, policy).run(second, history);
            } catch (WalException e) {
                if (!fs.isPoweredOff()) {
                    throw new AssertionError(context + ": the reopened log failed without a fault", e);
                }
            }
            if (!fs.isPoweredOff()) {
                fs.powerLoss(options);
            }
            DurabilityPromise promise = DurabilityPromise.of(policy, fs, dir);
            SimulatedFileSystem.closeAbandoned(second);
            try {
                reopenAndCheck(config, history, promise);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(context + ": reopening after the power loss failed", e);
            }
        }
    }

    private static FaultPlan randomFault(Random random) {
        int kind = random.nextInt(FAILING.length + 2);
        int nth = 1 + random.nextInt(8);
        if (kind == FAILING.length) {
            return FaultPlan.builder().shortWriteNth(nth).build();
        }
        if (kind == FAILING.length + 1) {
            return FaultPlan.builder().freeSpace(random.nextInt(3000)).build();
        }
        return FaultPlan.builder().failNth(FAILING[kind], nth).build();
    }

    private static RandomWorkload workload(long seed, SyncPolicy policy) {
        return RandomWorkload.builder(seed).operations(25).transactions(0.15).checkpoints(0.1)
                .syncs(policy instanceof SyncPolicy.Manual ? 0.1 : 0)
                .pauses(policy instanceof SyncPolicy.Interval ? 0.3 : 0).build();
    }
}
