package dev.jwal.storage;

import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized power losses under a {@link WalStorage} on wal-testkit's simulated disk
 * ({@link StoragePowerLossRun}): every run cuts the power {@value StoragePowerLossRun#CYCLES} times, at a
 * random file operation of a mixed workload (appends, transactions, namespace changes, checkpoints with
 * their snapshots and truncations, and the reopening itself), or kills the process there now and then,
 * reopens the store on what survived and compares it with the acknowledged operations: the state after
 * every acknowledged operation the policy made durable (after all of them under every-write or after a
 * kill; at least up to the last completed checkpoint otherwise), or after a later one, or with the
 * operation in flight, and nothing else. The store must always reopen.
 *
 * <p>Runs: {@code -Djwal.storage.powerloss.runs=N} (default 30 under every-write, half that for each lazy
 * policy); seed: {@code -Djwal.storage.powerloss.seed=S} (default random, printed with every failure).
 */
class StoragePowerLossTest {
    static final int RUNS = Integer.getInteger("jwal.storage.powerloss.runs", 30);
    static final long SEED = Long.getLong("jwal.storage.powerloss.seed", System.nanoTime());

    @TempDir
    Path root;

    @Test
    void underEveryWriteAPowerLossOrAKillKeepsEveryAcknowledgedOperationAndNothingElse() throws Exception {
        Map<String, Integer> cuts = runAll(SyncPolicy.everyWrite(), RUNS);
        assertThat(cuts.keySet()).as("where the cuts struck").anyMatch(kind -> kind.endsWith("in an append"));
    }

    @Test
    void underLazySyncPoliciesAPowerLossKeepsAPrefixOfTheAcknowledgedOperationsAndAKillKeepsThemAll()
            throws Exception {
        int runs = Math.max(1, RUNS / 2);
        runAll(SyncPolicy.periodic(4), runs);
        runAll(SyncPolicy.manual(), runs);
    }

    private Map<String, Integer> runAll(SyncPolicy policy, int runs) throws Exception {
        Map<String, Integer> cuts = StoragePowerLossRun.tally();
        long started = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory(root, "run");
            new StoragePowerLossRun(dir, policy, SEED + run, cuts).run();
            TestStores.deleteRecursively(dir);
        }
        System.out.printf("%s: %d runs of %d power losses each (seeds %d..%d) in %d ms; cuts struck: %s%n", policy,
                runs, StoragePowerLossRun.CYCLES, SEED, SEED + runs - 1,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), cuts);
        return cuts;
    }
}
