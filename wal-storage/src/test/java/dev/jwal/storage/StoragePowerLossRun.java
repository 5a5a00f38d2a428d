package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.testkit.FaultPlan;
import dev.jwal.testkit.PowerLossOptions;
import dev.jwal.testkit.SimulatedFileSystem;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static dev.jwal.storage.TestStores.contents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One randomized power-loss run of a {@link WalStorage} on a {@link SimulatedFileSystem}: a single writer
 * runs a seeded workload ({@link WorkloadGenerator}: namespaces created and deleted, upserts, deletes,
 * transactions, explicit checkpoints with snapshots and log truncation) through several power cycles. In
 * each cycle the power is cut before a random file operation (in an append, in the middle of a snapshot, a
 * Checkpoint record or a truncation, or, now and then, while the storage reopens), or one time in
 * {@value #KILL_ONE_IN} the process is killed there instead (which loses nothing acknowledged under any
 * policy, and leaves what was not forced at risk of the next power loss); the storage is reopened on what
 * survived, and its contents are checked with {@link AcknowledgedStates}. The seed fixes every choice, so
 * a failure replays.
 */
final class StoragePowerLossRun {
    /** Power cycles per run. */
    static final int CYCLES = 3;
    /** Operations a cycle runs at most. */
    static final int OPERATIONS = 40;
    /** The power is cut before one of the first this many file operations of a cycle (or after its workload). */
    static final int CUT_BOUND = 160;
    /** One cycle in this many ends in a process crash ({@code kill -9}) instead of a power loss. */
    static final int KILL_ONE_IN = 4;
    private static final int CHECKPOINT_PERCENT = 8;

    private final Path dir;
    private final SyncPolicy policy;
    private final long seed;
    private final Random random;
    private final StorageConfig config;
    private final SimulatedFileSystem fs = new SimulatedFileSystem();
    private final Map<String, Integer> cuts;
    /** Whether the last {@link #reopenThroughAPowerLoss} opened the storage before the power went. */
    private boolean openedBeforeTheCut;

    /**
     * @param cuts where each cut struck, counted into it by kind
     */
    StoragePowerLossRun(Path dir, SyncPolicy policy, long seed, Map<String, Integer> cuts) {
        this.dir = dir;
        this.policy = policy;
        this.seed = seed;
        this.random = new Random(seed);
        this.config = SimulatedDisk.config(dir, policy);
        this.cuts = cuts;
    }

    /** Runs every cycle, then opens the directory on the real file system and checks it once more. */
    void run() {
        boolean everyWrite = policy instanceof SyncPolicy.EveryWrite;
        WorkloadGenerator generator = new WorkloadGenerator(seed, "w-", CHECKPOINT_PERCENT);
        StoreModel base = new StoreModel();
        WalStorage storage = WalStorage.open(config, fs);
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            String context = policy + ", seed " + seed + " (-Djwal.storage.powerloss.seed=" + seed + " with 1 run), "
                    + "cycle " + cycle;
            PowerLossOptions options = PowerLossOptions.forSeed(random.nextLong());
            int cutBefore = 1 + random.nextInt(CUT_BOUND);
            boolean kill = random.nextInt(KILL_ONE_IN) == 0;
            fs.inject(kill ? FaultPlan.builder().crashProcessBefore(cutBefore).build()
                    : FaultPlan.builder().powerLossBefore(cutBefore, options).build());
            AcknowledgedStates states = new AcknowledgedStates(base);
            String struck = "after the workload";
            try {
                for (int i = 0; i < OPERATIONS; i++) {
                    Op op = generator.next(states.current());
                    states.inFlight(op);
                    op.runOn(storage);
                    states.acknowledge(op, everyWrite);
                }
            } catch (RuntimeException e) {
                if (!fs.isPoweredOff() && !fs.isCrashed()) {
                    throw new AssertionError(context + ": " + states.inFlightOp() + " failed without a crash", e);
                }
                struck = kindOf(states.inFlightOp(), e);
            }
            if (!fs.isPoweredOff() && !fs.isCrashed()) {
                if (kill) {
                    fs.crashProcess();
                } else {
                    fs.powerLoss(options);
                }
            }
            cuts.merge((kill ? "kill -9 " : "power loss ") + struck, 1, Integer::sum);
            SimulatedDisk.abandon(storage, fs);
            fs.restart();
            boolean cutWhileReopening = random.nextInt(4) == 0;
            storage = cutWhileReopening ? reopenThroughAPowerLoss(context) : reopen(context);
            SortedMap<String, SortedMap<String, SerializedVector>> recovered = contents(storage);
            // A kill keeps every acknowledged operation, and a completed open forces what it found: only a power
            // loss after the kill and before an open completed may lose the acknowledged operations not forced.
            boolean allPromised = kill && (!cutWhileReopening || openedBeforeTheCut);
            states.check(recovered, allPromised, context + ", " + (kill ? "process crash" : "power cut (" + options
                    + ")") + " before file operation " + cutBefore + " (" + struck + ")"
                    + (cutWhileReopening ? ", then a power cut while reopening" : ""));
            base = new StoreModel(recovered);
        }
        storage.close();
        try (WalStorage onRealFiles = WalStorage.open(config)) {
            assertThat(contents(onRealFiles)).as("seed %d: the real files open to the same state", seed)
                    .isEqualTo(base.contents());
            Op more = generator.next(base);
            more.runOn(onRealFiles);
            onRealFiles.checkpoint();
        }
    }

    /**
     * Cuts the power again while the storage reopens (at one of its first 12 file operations; if the open
     * takes fewer, right after it), then reopens it.
     */
    private WalStorage reopenThroughAPowerLoss(String context) {
        PowerLossOptions options = PowerLossOptions.forSeed(random.nextLong());
        fs.inject(FaultPlan.builder().powerLossBefore(1 + random.nextInt(12), options).build());
        openedBeforeTheCut = false;
        try {
            WalStorage storage = WalStorage.open(config, fs);
            openedBeforeTheCut = !fs.isPoweredOff();
            if (!fs.isPoweredOff()) {
                fs.powerLoss(options);
            }
            SimulatedDisk.abandon(storage, fs);
            cuts.merge("power loss right after reopening", 1, Integer::sum);
        } catch (RuntimeException e) {
            if (!fs.isPoweredOff()) {
                throw new AssertionError(context + ": reopening failed without a power loss", e);
            }
            cuts.merge("power loss while reopening", 1, Integer::sum);
        }
        fs.restart();
        return reopen(context);
    }

    private WalStorage reopen(String context) {
        try {
            return WalStorage.open(config, fs);
        } catch (RuntimeException e) {
            throw new AssertionError(context + ": the storage does not reopen after the crash", e);
        }
    }

    private String kindOf(Op inFlight, RuntimeException failure) {
        if (!(inFlight instanceof Op.Checkpoint)) {
            return "in an append";
        }
        return SimulatedDisk.struckSnapshotFile(failure, config.snapshotDirectory())
                ? "in a checkpoint: the snapshot directory (snapshot write, rename, clean-up)"
                : "in a checkpoint: the log (force, Checkpoint record, truncation)";
    }


    /** A new tally of where cuts struck, sorted by kind. */
    static Map<String, Integer> tally() {
        return new TreeMap<>();
    }
}
