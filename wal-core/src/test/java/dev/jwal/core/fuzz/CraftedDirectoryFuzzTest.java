package dev.jwal.core.fuzz;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11: crafted log directories. Each case takes a real log the test wrote (json lines, json framed, kryo
 * framed), applies one to three random {@link Mutation}s (odd segment names, truncated, duplicated and stale
 * segments, symlinks to files outside the log, FIFOs, sparse multi-gigabyte and garbage metadata, zero pages,
 * bit flips), and runs every {@link Operation} (reads in the case's recovery mode, verify, summary, repair,
 * convert, a writer that appends and closes), each in a fresh copy, under a timeout. {@link PropertyChecker}
 * says what each run must hold. Failures are gathered, deduplicated and reported together, each with the seed
 * of a case that shows it.
 *
 * <p>Seeds: {@code -Djwal.fuzz.seed=S} starts at S (case i has seed S + i), so
 * {@code -Djwal.fuzz.seed=<seed of a case> -Djwal.fuzz.cases=1} replays that case. More cases:
 * {@code -Djwal.fuzz.cases=5000} (with a larger {@code -Djwal.fuzz.budget.seconds}). A run that does not finish
 * within {@code jwal.fuzz.timeout.seconds} (default 2; a run takes milliseconds) fails property 1; once an operation and mutation kinds
 * have hung, later cases skip that combination (or any case holding a kind that hung alone) rather than hang
 * again. No case starts after {@code jwal.fuzz.budget.seconds} (default 35), once the first 25 have run.
 */
class CraftedDirectoryFuzzTest {
    static final int CASES = Integer.getInteger("jwal.fuzz.cases", 300);
    static final long SEED = Long.getLong("jwal.fuzz.seed", System.nanoTime());
    static final long TIMEOUT_SECONDS = Long.getLong("jwal.fuzz.timeout.seconds", 2);
    /** Cases every run checks, however slow the machine, before the budget may stop it. */
    static final int MIN_CASES = Math.min(CASES, 25);
    /** No case starts after this: a hanging operation costs the whole timeout, and the build must stay short. */
    static final long BUDGET_SECONDS = Long.getLong("jwal.fuzz.budget.seconds", 35);

    /**
     * Where the crafted directories go: {@code -Djwal.fuzz.dir=PATH}; by default {@code /dev/shm} where there is
     * one (a tmpfs: the writer's fsyncs cost nothing there, which keeps hundreds of cases within the build's time),
     * else the JUnit temporary directory.
     */
    static final String DIR = System.getProperty("jwal.fuzz.dir",
            Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm")) ? "/dev/shm" : null);

    @TempDir
    Path tempDir;
    Path temp;

    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fuzz-run");
        thread.setDaemon(true);
        return thread;
    });

    /** One case: which original log, which mutations, which recovery mode the read-only operations use. */
    record FuzzCase(long seed, OriginalLog original, List<Mutation> mutations, RecoveryMode mode) {
        static FuzzCase generate(long seed, List<OriginalLog> originals, boolean fifos) throws IOException {
            Random random = new Random(seed);
            OriginalLog original = originals.get(random.nextInt(originals.size()));
            List<Mutation> mutations = new ArrayList<>();
            int count = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
            for (int i = 0; i < count; i++) {
                mutations.add(Mutation.random(random, original, fifos));
            }
            RecoveryMode mode = RecoveryMode.values()[random.nextInt(RecoveryMode.values().length)];
            return new FuzzCase(seed, original, List.copyOf(mutations), mode);
        }

        String kinds() {
            return mutations.stream().map(Mutation::kind).collect(Collectors.joining("+"));
        }

        @Override
        public String toString() {
            return "seed " + seed + " " + original + " mode " + mode + " " + mutations;
        }
    }

    /**
     * One distinct failure: a property and what went wrong, with numbers and paths left out. Keeps the operations
     * and mutation kinds it was seen with, and the smallest case that shows it.
     */
    static final class Finding {
        final PropertyChecker.Violation violation;
        final Set<Operation> operations = java.util.EnumSet.noneOf(Operation.class);
        final Map<String, Integer> kinds = new java.util.TreeMap<>();
        FuzzCase example;
        Operation exampleOperation;
        int count;

        Finding(PropertyChecker.Violation violation) {
            this.violation = violation;
        }

        void seen(Operation operation, FuzzCase fuzzCase) {
            count++;
            operations.add(operation);
            kinds.merge(fuzzCase.kinds(), 1, Integer::sum);
            if (example == null || fuzzCase.mutations().size() < example.mutations().size()) {
                example = fuzzCase;
                exampleOperation = operation;
            }
        }

        /** Losing records and wrong reads first, then touching files outside the log, then hangs, then messages. */
        int severity() {
            return List.of(4, 5, 6, 3, 1, 2).indexOf(violation.property());
        }

        @Override
        public String toString() {
            return String.format("P%d x%d %s: %s%n    operations: %s%n    mutations: %s%n    example (%s): "
                            + "-Djwal.fuzz.seed=%d -Djwal.fuzz.cases=1  %s", violation.property(), count,
                    exampleOperation, violation.problem(), operations, kinds, exampleOperation, example.seed(),
                    example);
        }
    }

    @Test
    void craftedDirectoriesNeitherHangNorLeakNorLoseRecords() throws Exception {
        temp = DIR == null ? tempDir : Files.createTempDirectory(Path.of(DIR), "jwal-fuzz-");
        try {
            fuzz();
        } finally {
            if (DIR != null) {
                deleteQuietly(temp);
            }
        }
    }

    private void fuzz() throws Exception {
        List<OriginalLog> originals = new ArrayList<>();
        originals.add(OriginalLog.write(temp.resolve("original-lines-json"), "lines/json", SegmentFormat.LINES, "json"));
        originals.add(OriginalLog.write(temp.resolve("original-framed-json"), "framed/json", SegmentFormat.FRAMED,
                "json"));
        if (Codecs.availableNames().contains("kryo")) {
            originals.add(OriginalLog.write(temp.resolve("original-framed-kryo"), "framed/kryo", SegmentFormat.FRAMED,
                    "kryo"));
        }
        boolean fifos = Mutation.fifosAvailable(temp);
        System.out.printf("crafted-directory fuzz: %d cases from seed %d (fifos %s, originals %s)%n", CASES, SEED,
                fifos, originals);

        Map<String, Finding> findings = new LinkedHashMap<>();
        Set<String> hung = new HashSet<>();
        Map<Operation, Long> millis = new java.util.EnumMap<>(Operation.class);
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(BUDGET_SECONDS);
        int ran = 0;
        int skipped = 0;
        // The budget bounds a long run on a slow machine, but never below MIN_CASES: a run that checked
        // nothing must not pass.
        for (int i = 0; i < CASES && (i < MIN_CASES || System.nanoTime() < deadline); i++) {
            FuzzCase fuzzCase = FuzzCase.generate(SEED + i, originals, fifos);
            Map<Long, WalEntry> readable = null;
            for (Operation operation : Operation.values()) {
                if (knownHang(hung, operation, fuzzCase)) {
                    skipped++;
                    continue;
                }
                long runStarted = System.nanoTime();
                RunResult run = runOne(i, fuzzCase, operation, readable);
                millis.merge(operation, (System.nanoTime() - runStarted) / 1_000_000, Long::sum);
                if (operation == Operation.READ_SKIP_CORRUPT && run.outcome.thrown() == null && !run.outcome.timedOut()) {
                    readable = new LinkedHashMap<>();
                    for (LogRecord record : run.outcome.result().read()) {
                        readable.putIfAbsent(record.lsn(), record.entry());
                    }
                }
                if (run.outcome.timedOut()) {
                    hung.add(operation + " " + fuzzCase.kinds());
                }
                for (PropertyChecker.Violation violation : run.violations) {
                    String key = violation.property() + " " + normalize(violation.problem());
                    findings.computeIfAbsent(key, k -> new Finding(violation)).seen(operation, fuzzCase);
                }
            }
            ran++;
        }
        System.out.printf("crafted-directory fuzz: ran %d cases in %d s (%d runs skipped as known hangs)%n", ran,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), skipped);
        System.out.println("crafted-directory fuzz: milliseconds per operation, in total: " + millis);
        if (!findings.isEmpty()) {
            String report = findings.values().stream()
                    .sorted(java.util.Comparator.comparingInt(Finding::severity))
                    .map(Finding::toString)
                    .collect(Collectors.joining("\n"));
            System.out.println("crafted-directory fuzz findings:\n" + report);
            fail(findings.size() + " distinct failures in " + ran + " cases from seed " + SEED + ":\n" + report);
        }
    }

    /**
     * Whether this operation already hung on a case with the same mutation kinds, or with one of this case's
     * kinds alone: running it again would only cost the timeout once more.
     */
    private static boolean knownHang(Set<String> hung, Operation operation, FuzzCase fuzzCase) {
        if (hung.contains(operation + " " + fuzzCase.kinds())) {
            return true;
        }
        return fuzzCase.mutations().stream().anyMatch(m -> hung.contains(operation + " " + m.kind()));
    }

    record RunResult(PropertyChecker.Outcome outcome, List<PropertyChecker.Violation> violations) {
    }

    /** Crafts a fresh directory for the case, runs one operation on it, and checks the properties. */
    private RunResult runOne(int index, FuzzCase fuzzCase, Operation operation, Map<Long, WalEntry> readable)
            throws IOException {
        Path root = temp.resolve("case-" + index + "-" + operation.name().toLowerCase());
        Path log = root.resolve("log");
        Path sentinel = root.resolve("sentinel");
        Path converted = root.resolve("converted");
        Files.createDirectories(sentinel);
        Files.writeString(sentinel.resolve("sentinel.txt"), "outside the log: nothing may change me\n");
        fuzzCase.original().copyTo(log);
        for (Mutation mutation : fuzzCase.mutations()) {
            mutation.apply(log, sentinel);
        }
        PropertyChecker.Before before = PropertyChecker.before(root, sentinel, log, readable);
        PropertyChecker.Outcome outcome = timed(log,
                () -> operation.run(log, converted, fuzzCase.original(), fuzzCase.mode()));
        List<PropertyChecker.Violation> violations = PropertyChecker.check(operation, fuzzCase.original(), root,
                sentinel, log, converted, before, outcome, request -> {
                    PropertyChecker.Outcome read = timed(log, () -> Operation.Result.read(request.run(log)));
                    if (read.timedOut()) {
                        throw new IllegalStateException("reading back did not finish within the timeout");
                    }
                    if (read.thrown() instanceof RuntimeException e) {
                        throw e;
                    }
                    if (read.thrown() instanceof Error e) {
                        throw e;
                    }
                    return read.result().read();
                });
        if (!outcome.timedOut()) {
            deleteQuietly(root);
        }
        return new RunResult(outcome, violations);
    }

    /**
     * Runs {@code task} on another thread, waiting at most the timeout. A run that hangs is interrupted and any
     * FIFO in {@code log} is opened and closed, so that a reader blocked on one sees its end and the thread ends.
     */
    private PropertyChecker.Outcome timed(Path log, Callable<Operation.Result> task) {
        Future<Operation.Result> future = executor.submit(task);
        try {
            return new PropertyChecker.Outcome(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), null, false);
        } catch (ExecutionException e) {
            return new PropertyChecker.Outcome(null, e.getCause(), false);
        } catch (TimeoutException e) {
            future.cancel(true);
            releaseFifos(log);
            return new PropertyChecker.Outcome(null, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens every FIFO of {@code log} read-write (which never blocks on Linux) and closes it. */
    private static void releaseFifos(Path log) {
        for (int round = 0; round < 3; round++) {
            releaseFifosOnce(log);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void releaseFifosOnce(Path log) {
        try (Stream<Path> entries = Files.list(log)) {
            for (Path entry : entries.toList()) {
                if (Files.exists(entry) && !Files.isRegularFile(entry) && !Files.isDirectory(entry)) {
                    try (RandomAccessFile fifo = new RandomAccessFile(entry.toFile(), "rw")) {
                        fifo.getFD();
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Paths and numbers vary from case to case; the rest of a message says what went wrong. */
    static String normalize(String problem) {
        return problem.replaceAll("(?<![\\w.-])/\\S*", "<path>").replaceAll("\\(size=[^)]*\\)", "").replaceAll("\\d+", "N");
    }

    private static void deleteQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // left for @TempDir
        }
    }
}
