package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.WalException;
import dev.jwal.testkit.FaultPlan;
import dev.jwal.testkit.FileOperation;
import dev.jwal.testkit.PowerLossOptions;
import dev.jwal.testkit.SimulatedFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import static dev.jwal.storage.TestStores.contents;

/**
 * Randomized: a random disk fault (a failed write, force, file creation, rename, directory force, open,
 * replace or deletion, a short write, or a full disk) hits a random file operation of a storage workload
 * under every-write, in an append or anywhere in a checkpoint. The failure must reach the caller as a
 * {@link WalException}; the application then closes and reopens the storage in the same boot, as README
 * says, and finds every acknowledged operation; it goes on and loses the power at a random operation, and
 * the store reopens once more with every acknowledged operation. Runs: {@code jwal.storage.powerloss.runs}
 * / 2, seeds from {@code jwal.storage.powerloss.seed}.
 */
class StorageRandomFaultTest {
    static final int RUNS = Math.max(1, StoragePowerLossTest.RUNS / 2);
    private static final FileOperation[] FAILING = {FileOperation.WRITE, FileOperation.FORCE,
        FileOperation.CREATE, FileOperation.CREATE_FILE, FileOperation.RENAME, FileOperation.FORCE_DIRECTORY,
        FileOperation.OPEN, FileOperation.REPLACE, FileOperation.DELETE};
    private static final int OPERATIONS = 40;
    private static final int CHECKPOINT_PERCENT = 10;

    @TempDir
    Path root;

    @Test
    void aDiskFaultReachesTheCallerAndTheReopenedStoreKeepsEveryAcknowledgedOperationThroughAPowerLoss()
            throws Exception {
        long started = System.nanoTime();
        int failed = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = StoragePowerLossTest.SEED + run;
            Random random = new Random(seed);
            FaultPlan fault = randomFault(random);
            String context = "seed " + seed + " (-Djwal.storage.powerloss.seed=" + seed + "), " + fault;
            Path dir = Files.createTempDirectory(root, "run");
            StorageConfig config = SimulatedDisk.config(dir, SyncPolicy.everyWrite());
            SimulatedFileSystem fs = new SimulatedFileSystem();
            WorkloadGenerator generator = new WorkloadGenerator(seed, "w-", CHECKPOINT_PERCENT);

            WalStorage storage = WalStorage.open(config, fs);
            fs.inject(fault);
            AcknowledgedStates states = new AcknowledgedStates(new StoreModel());
            if (runUntilFailure(storage, generator, states)) {
                failed++;
            }
            storage.close();
            fs.inject(FaultPlan.none());
            storage = WalStorage.open(config, fs);
            SortedMap<String, SortedMap<String, SerializedVector>> recovered = contents(storage);
            states.check(recovered, true, context + ", reopened after the fault");

            PowerLossOptions options = PowerLossOptions.forSeed(random.nextLong());
            fs.inject(FaultPlan.builder().powerLossBefore(1 + random.nextInt(StoragePowerLossRun.CUT_BOUND), options)
                    .build());
            states = new AcknowledgedStates(new StoreModel(recovered));
            runUntilFailure(storage, generator, states);
            if (!fs.isPoweredOff()) {
                fs.powerLoss(options);
            }
            SimulatedDisk.abandon(storage, fs);
            fs.restart();
            try (WalStorage reopened = WalStorage.open(config, fs)) {
                states.check(contents(reopened), false, context + ", reopened after a power loss (" + options + ")");
            }
            TestStores.deleteRecursively(dir);
        }
        System.out.printf("%d runs, %d of them failed by their fault, in %d ms%n", RUNS, failed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Runs the workload until it ends or an operation fails, which must be with a {@link WalException}.
     *
     * @return whether an operation failed
     */
    private static boolean runUntilFailure(WalStorage storage, WorkloadGenerator generator,
                                           AcknowledgedStates states) {
        for (int i = 0; i < OPERATIONS; i++) {
            Op op = generator.next(states.current());
            states.inFlight(op);
            try {
                op.runOn(storage);
            } catch (WalException expected) {
                return true;
            }
            states.acknowledge(op, true);
        }
        return false;
    }

    private static FaultPlan randomFault(Random random) {
        int kind = random.nextInt(FAILING.length + 2);
        int nth = 1 + random.nextInt(12);
        if (kind == FAILING.length) {
            return FaultPlan.builder().shortWriteNth(nth).build();
        }
        if (kind == FAILING.length + 1) {
            return FaultPlan.builder().freeSpace(random.nextInt(6000)).build();
        }
        return FaultPlan.builder().failNth(FAILING[kind], nth).build();
    }
}
