package dev.jwal.testkit;

import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized power losses for every layout and sync policy: a random workload, the power cut before a random
 * file operation (or at the end), a random fate for unforced bytes; the reopened log must keep what the policy
 * promises, hold nothing that was not appended, take an append and verify clean.
 *
 * <p>{@code -Djwal.powerloss.runs=N} sets the runs per layout and scenario (default 16, so 384 in all). Run i
 * uses seed S + i, where S is random unless {@code -Djwal.powerloss.seed=S} is given; a failure message names
 * the seed of its run ({@code RandomWorkload[seed=...]}), and {@code -Djwal.powerloss.seed=<that seed>
 * -Djwal.powerloss.runs=1} replays it (thread timing aside).
 */
class PowerLossTest {
    static final int RUNS = Integer.getInteger("jwal.powerloss.runs", 16);
    static final long SEED = Long.getLong("jwal.powerloss.seed", System.nanoTime());

    @TempDir
    Path root;

    /** A sync policy with the workload that exercises it. */
    record Scenario(String name, SyncPolicy policy, int threads, int operations, double syncs, double pauses,
                    int operationsPerCall) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("every-write", SyncPolicy.everyWrite(), 1, 30, 0, 0, 3),
            new Scenario("every-write, 3 threads", SyncPolicy.everyWrite(), 3, 12, 0, 0, 3),
            new Scenario("periodic:4", SyncPolicy.periodic(4), 1, 30, 0.05, 0, 2),
            new Scenario("periodic:3, 3 threads", SyncPolicy.periodic(3), 3, 12, 0.05, 0, 2),
            new Scenario("interval:2ms", SyncPolicy.interval(Duration.ofMillis(2)), 1, 30, 0, 0.3, 2),
            new Scenario("manual", SyncPolicy.manual(), 1, 30, 0.15, 0, 2));

    @TestFactory
    List<DynamicTest> powerLossNeverTakesWhatThePolicyPromised() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (Scenario scenario : SCENARIOS) {
                tests.add(DynamicTest.dynamicTest(layout + ", " + scenario.name() + ", " + RUNS + " runs",
                        () -> runAll(layout, scenario)));
            }
        }
        return tests;
    }

    private void runAll(Layout layout, Scenario scenario) throws Exception {
        int cutDuring = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = SEED + run;
            Random random = new Random(seed);
            Path dir = Files.createTempDirectory(root, "run");
            WalConfig config = layout.config(dir).syncPolicy(scenario.policy()).build();
            RandomWorkload workload = RandomWorkload.builder(seed)
                    .threads(scenario.threads())
                    .operations(scenario.operations())
                    .transactions(0.1)
                    .checkpoints(0.05)
                    .syncs(scenario.syncs())
                    .pauses(scenario.pauses())
                    .build();
            PowerLossRun.Result result = PowerLossRun.builder(config)
                    .workload(workload)
                    .cutPowerAtRandomOperation((long) scenario.operations() * scenario.threads()
                            * scenario.operationsPerCall(), random)
                    .powerLoss(PowerLossOptions.forSeed(seed))
                    .build()
                    .run();
            cutDuring += result.cutDuringWorkload() ? 1 : 0;
            deleteQuietly(dir);
        }
        if (RUNS >= 8) {
            assertThat(cutDuring).as("runs where the power went during the workload (seed %d)", SEED)
                    .isGreaterThan(RUNS / 4);
        }
    }

    /** The power cut from another thread after a random delay, while four threads append. */
    @TestFactory
    List<DynamicTest> powerCutFromAnotherThreadAtARandomMoment() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            tests.add(DynamicTest.dynamicTest(layout + ", every-write, 4 threads", () -> {
                for (int run = 0; run < Math.max(1, RUNS / 4); run++) {
                    long seed = SEED + run;
                    Path dir = Files.createTempDirectory(root, "timed");
                    PowerLossRun.builder(layout.config(dir).build())
                            .workload(RandomWorkload.builder(seed).threads(4).operations(25).transactions(0.1).build())
                            .cutPowerAfter(Duration.ofMillis(new Random(seed).nextInt(15)))
                            .powerLoss(PowerLossOptions.forSeed(seed))
                            .build()
                            .run();
                    deleteQuietly(dir);
                }
            }));
        }
        return tests;
    }


    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
