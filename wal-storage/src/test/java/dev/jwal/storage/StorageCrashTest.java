package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.jwal.storage.TestStores.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A {@link CrashWorkload} process runs a mixed workload (namespaces, upserts, deletes, transactions,
 * explicit and background checkpoints) with every-write sync and is killed with SIGKILL at a random
 * moment; in every third round the kill comes right after it announced an explicit checkpoint, so it
 * lands in the middle of one. The test then reopens the storage and compares each writer's namespaces
 * with a model: every acknowledged operation must be there, the one in flight may or may not be (but
 * whole), and nothing else.
 *
 * <p>All rounds share one directory, so each round restarts from what the crashes before it left:
 * snapshots, truncated logs, transactions cut short. The parent knows each writer's operations without
 * reading them from the child: {@link WorkloadGenerator} is deterministic given the seed and the state.
 *
 * <p>The simulated-disk tests ({@link StoragePowerLossTest}, {@link CheckpointPowerLossTest},
 * {@link StorageFaultTest}, {@link StorageRandomFaultTest}) cover power losses and disk faults, one writer
 * at a time; this one keeps what they cannot: a real process killed on the real file system, with two
 * concurrent writers and background checkpoints.
 *
 * <p>Rounds: {@code -Djwal.crash.rounds=N} (default 20); seed: {@code -Djwal.crash.seed=S}, printed.
 */
class StorageCrashTest {
    private static final int ROUNDS = Integer.getInteger("jwal.crash.rounds", 20);
    private static final long SEED = Long.getLong("jwal.crash.seed", System.nanoTime());
    private static final long READY_TIMEOUT_SECONDS = 60;

    @TempDir
    Path root;

    @Test
    void aKilledProcessLosesNoAcknowledgedOperation() throws Exception {
        Path dir = root.resolve("store");
        StoreModel state = new StoreModel();
        int killedInCheckpoint = 0;
        long acknowledged = 0;
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            long seed = SEED + round;
            Random random = new Random(seed);
            boolean duringCheckpoint = round % 3 == 2;
            String context = "round " + round + " (-Djwal.crash.seed=" + SEED + ")";

            Child child = Child.start(dir, seed, root.resolve("child-" + round + ".err"));
            child.awaitLine("READY", READY_TIMEOUT_SECONDS, context);
            if (duringCheckpoint) {
                Thread.sleep(random.nextInt(200));
                child.awaitLine("CKPT", 20, context);
                Thread.sleep(random.nextInt(3));
            } else {
                Thread.sleep(50 + random.nextInt(700));
            }
            child.kill(context);
            Path atKill = root.resolve("at-kill");
            copy(dir, atKill);

            SortedMap<String, SortedMap<String, SerializedVector>> recovered;
            try (WalStorage storage = WalStorage.open(CrashWorkload.config(dir))) {
                recovered = contents(storage);
            }
            StringBuilder report = new StringBuilder(context);
            try {
                for (int writer = 0; writer < CrashWorkload.WRITERS; writer++) {
                    int acks = child.acks(writer, context);
                    acknowledged += acks;
                    boolean inFlightCheckpoint = check(state, seed, writer, acks, recovered, context, report);
                    if (inFlightCheckpoint) {
                        killedInCheckpoint++;
                    }
                }
            } catch (AssertionError e) {
                keepForInspection(atKill, child, round);
                throw e;
            }
            System.out.println(report);
            state = new StoreModel(recovered);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("%d rounds in %d s: %d operations acknowledged, %d kills during an explicit checkpoint%n",
                ROUNDS, seconds, acknowledged, killedInCheckpoint);

        try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots"))) {
            assertThat(snapshots.filter(path -> path.toString().endsWith(".snap")))
                    .as("checkpoints ran").isNotEmpty();
        }
        try (WalStorage storage = WalStorage.open(CrashWorkload.config(dir))) {
            assertThat(storage.logStats().firstLsn()).as("the log was truncated").isPositive();
        }
    }

    /** Keeps the directory as the kill left it, and the child's output, in {@code target/crash-failure-N}. */
    private static void keepForInspection(Path atKill, Child child, int round) throws IOException {
        Path kept = Path.of("target", "crash-failure-" + round).toAbsolutePath();
        copy(atKill, kept);
        Files.write(kept.resolve("child-output.txt"), child.lines());
        System.out.println("kept the directory as the kill left it, and the child's output, in " + kept);
    }

    private static void copy(Path from, Path to) throws IOException {
        TestStores.deleteRecursively(to);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else if (!path.getFileName().toString().equals("wal.lock")) {
                    Files.copy(path, copy);
                }
            }
        }
    }

    /**
     * Replays the writer's acknowledged operations on the model and compares its namespaces.
     *
     * @return whether the operation in flight was an explicit checkpoint
     */
    private static boolean check(StoreModel before, long seed, int writer, int acks,
                                 SortedMap<String, SortedMap<String, SerializedVector>> recovered, String context,
                                 StringBuilder report) {
        String prefix = CrashWorkload.prefix(writer);
        WorkloadGenerator generator = new WorkloadGenerator(CrashWorkload.seed(seed, writer), prefix, writer == 0);
        StoreModel model = before.copy();
        for (int i = 0; i < acks; i++) {
            model.apply(generator.next(model));
        }
        Op inFlight = generator.next(model);
        var actual = contents(recovered, prefix);
        var acknowledged = contents(model.contents(), prefix);
        boolean applied = false;
        if (!actual.equals(acknowledged)) {
            StoreModel withInFlight = model.copy();
            withInFlight.apply(inFlight);
            assertThat(actual).as("writer %d after %d acknowledged operations: neither the acknowledged state nor "
                            + "that plus the operation in flight (%s); %s", writer, acks, inFlight, context)
                    .isEqualTo(contents(withInFlight.contents(), prefix));
            applied = true;
        }
        report.append(String.format("; writer %d: %d acked, in flight %s %s", writer, acks,
                inFlight.getClass().getSimpleName(), applied ? "applied" : "not applied"));
        return inFlight instanceof Op.Checkpoint;
    }

    /** A running {@link CrashWorkload} and the lines it printed. */
    private static final class Child {
        private final Process process;
        private final Path errors;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        private Child(Process process, Path errors) {
            this.process = process;
            this.errors = errors;
            this.reader = new Thread(this::readLines, "crash-child-reader");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static Child start(Path dir, long seed, Path errors) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    CrashWorkload.class.getName(), dir.toString(), Long.toString(seed));
            builder.redirectError(errors.toFile());
            return new Child(builder.start(), errors);
        }

        private void readLines() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The pipe closes when the child dies.
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        /** Waits for a line starting with {@code start} printed after the ones seen so far... or any, for READY. */
        synchronized void awaitLine(String start, long timeoutSeconds, String context)
                throws InterruptedException, IOException {
            int from = start.equals("READY") ? 0 : lines.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                for (int i = from; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("ERROR")) {
                        fail("the child failed: %s; %s; stderr:%n%s", lines.get(i), context, Files.readString(errors));
                    }
                    if (lines.get(i).startsWith(start)) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    fail("no %s line from the child (%s); %s; stderr:%n%s", start,
                            ended ? "it ended" : "timed out", context, Files.readString(errors));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void kill(String context) throws InterruptedException, IOException {
            if (!process.isAlive()) {
                fail("the child ended before it was killed, exit code %d; %s; stderr:%n%s", process.exitValue(),
                        context, Files.readString(errors));
            }
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe and
            // lose the acknowledgements the child wrote but we had not read yet.
            process.toHandle().destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the child did not die within 30 s of SIGKILL; %s", context);
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
            if (reader.isAlive()) {
                fail("the child's output did not end after it was killed; %s", context);
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        /** The writer's acknowledged operations, checked to be numbered 0, 1, 2... */
        synchronized int acks(int writer, String context) {
            String ack = "ACK " + writer + " ";
            int count = 0;
            for (String line : lines) {
                assertThat(line).as("child output; %s", context).doesNotStartWith("ERROR");
                if (line.startsWith(ack)) {
                    assertThat(line).as("acks in order; %s", context).isEqualTo(ack + count);
                    count++;
                }
            }
            return count;
        }
    }
}
