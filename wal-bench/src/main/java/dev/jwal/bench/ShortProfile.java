package dev.jwal.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The short profile {@code bench/run.sh} reports: the parameter combinations every target and ratio
 * needs, with each benchmark's own fork, warm-up and measurement settings (mostly 1 fork, 2 x 1 s
 * warm-up, 3 x 1 s measurement; the follower latency 2 forks x 5 x 1 s, the random read 2 forks, 3 + 5),
 * about 82 runs, 13 minutes on 2 cores. All results go to one JMH JSON file, so every ratio the report
 * shows compares figures of one run.
 *
 * <pre>
 * java -cp wal-bench/target/benchmarks.jar dev.jwal.bench.ShortProfile OUT.json [--include REGEX] [--smoke] [--headline]
 * </pre>
 * {@code --include} runs only the steps whose name matches; {@code --smoke} runs each benchmark for one
 * 200 ms iteration without warm-up, to check that everything runs; {@code --headline} runs the steps of
 * the round-two targets ({@link #headlineSteps()}) with 2 forks, 2 warm-up and 5 measurement iterations of
 * 1 s each (about 12 minutes on 2 cores).
 */
public final class ShortProfile {
    private static final String ALL_LAYOUTS = String.join(",", Layout.ALL);

    private ShortProfile() {
    }

    /**
     * One JMH invocation: the benchmarks matching {@code include}, with these parameter values; with
     * {@code allocation}, under JMH's GC profiler (bytes allocated per operation).
     */
    public record Step(String name, String include, Map<String, String> params, boolean allocation) {
        Step(String name, String include, Map<String, String> params) {
            this(name, include, params, false);
        }
    }

    public static List<Step> steps() {
        String bench = "dev\\.jwal\\.bench\\.";
        return List.of(
                new Step("append manual", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", ALL_LAYOUTS, "sync", "manual", "size", "8,128,1536")),
                new Step("append manual, mapped", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "kryo-framed", "sync", "manual", "size", "8,1536", "mapped", "true")),
                new Step("append manual, json lines mapped", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "json-lines", "sync", "manual", "size", "128,1536", "mapped", "true")),
                new Step("append periodic", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", ALL_LAYOUTS, "sync", "periodic:100", "size", "128")),
                new Step("append every-write", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", ALL_LAYOUTS, "sync", "every-write", "size", "128")),
                new Step("append every-write, not preallocated", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "json-framed,kryo-framed,protobuf-framed", "sync", "every-write", "size",
                                "128", "preallocate", "false")),
                new Step("append async", bench + "AsyncAppendBenchmark\\.appendAsync$",
                        Map.of("layout", "kryo-framed", "sync", "every-write", "size", "20")),
                new Step("append manual, async's entries", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "kryo-framed", "sync", "manual", "size", "20")),
                new Step("append threads", bench + "AppendThreadsBenchmark\\.threads",
                        Map.of("layout", "kryo-framed", "size", "128")),
                new Step("raw write", bench + "RawWriteBenchmark\\.write$",
                        Map.of("layout", ALL_LAYOUTS, "size", "8,128,1536")),
                new Step("raw write forced at rotation", bench + "RawWriteBenchmark\\.writeForcedAtRotation$",
                        Map.of("layout", "kryo-framed,protobuf-framed", "size", "1536")),
                new Step("raw write+force", bench + "RawWriteBenchmark\\.writeForce$",
                        Map.of("layout", ALL_LAYOUTS, "size", "128")),
                new Step("raw group commit", bench + "RawGroupCommitBenchmark\\.threads",
                        Map.of("layout", "kryo-framed", "size", "128")),
                new Step("naive json lines", bench + "NaiveJsonLinesBenchmark\\.append$",
                        Map.of("size", "8,128,1536")),
                new Step("codecs", bench + "CodecBenchmark\\.",
                        Map.of("codec", "json,kryo,protobuf", "size", "8,128,1536")),
                new Step("recovery", bench + "RecoveryBenchmark\\.",
                        Map.of("layout", ALL_LAYOUTS, "size", "128")),
                new Step("random read", bench + "RandomReadBenchmark\\.(indexed|scan)$",
                        Map.of("layout", "json-lines,json-framed,kryo-framed", "size", "128")),
                new Step("preallocation", bench + "PreallocationBenchmark\\.writeForce$",
                        Map.of("file", "growing,sparse,zeroed")),
                new Step("storage", bench + "StorageBenchmark\\.",
                        Map.of("sync", "every-write,manual")),
                new Step("follow", bench + "FollowBenchmark\\.",
                        Map.of("layout", "kryo-framed", "follower", "in-process,published")),
                new Step("storage threads", bench + "StorageThreadsBenchmark\\.",
                        Map.of("sync", "every-write")),
                new Step("allocation, append", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "json-lines,kryo-framed,protobuf-framed", "sync", "manual", "size", "8,128"),
                        true),
                new Step("allocation, encode", bench + "CodecBenchmark\\.encode$",
                        Map.of("codec", "json,kryo,protobuf", "size", "8,128"), true));
    }

    /**
     * The steps behind the performance targets of round two (issue 15), narrowed to the parameters the targets
     * name; {@code --headline} runs them with {@link #HEADLINE_FORKS} forks and {@link #HEADLINE_ITERATIONS}
     * measurement iterations each, the settings a headline figure needs.
     */
    public static List<Step> headlineSteps() {
        String bench = "dev\\.jwal\\.bench\\.";
        return List.of(
                new Step("json lines manual", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "json-lines", "sync", "manual", "size", "128,1536", "mapped", "false,true")),
                new Step("naive json lines", bench + "NaiveJsonLinesBenchmark\\.append$", Map.of("size", "128,1536")),
                new Step("append manual, framed", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "kryo-framed,protobuf-framed", "sync", "manual", "size", "1536",
                                "mapped", "false")),
                new Step("append manual, mapped", bench + "AppendBenchmark\\.append$",
                        Map.of("layout", "kryo-framed", "sync", "manual", "size", "8,1536", "mapped", "true")),
                new Step("raw write", bench + "RawWriteBenchmark\\.write$",
                        Map.of("layout", "kryo-framed,protobuf-framed", "size", "8,1536")),
                new Step("raw write forced at rotation", bench + "RawWriteBenchmark\\.writeForcedAtRotation$",
                        Map.of("layout", "kryo-framed,protobuf-framed", "size", "1536")),
                new Step("append threads", bench + "AppendThreadsBenchmark\\.threads(04|16|64)$",
                        Map.of("layout", "kryo-framed", "size", "128", "mapped", "false")),
                new Step("raw group commit", bench + "RawGroupCommitBenchmark\\.threads(04|16|64)$",
                        Map.of("layout", "kryo-framed", "size", "128")),
                new Step("storage threads", bench + "StorageThreadsBenchmark\\.", Map.of("sync", "every-write")),
                new Step("recovery", bench + "RecoveryBenchmark\\.recover$",
                        Map.of("layout", "json-lines,kryo-framed,protobuf-framed", "size", "128")));
    }

    /** Forks, warm-up and measurement iterations (1 s each) of a {@code --headline} run. */
    static final int HEADLINE_FORKS = 2;
    static final int HEADLINE_WARMUPS = 2;
    static final int HEADLINE_ITERATIONS = 5;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ShortProfile OUT.json [--include REGEX] [--smoke] [--headline]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Pattern include = Pattern.compile(".*");
        boolean smoke = false;
        boolean headline = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--include" -> include = Pattern.compile(args[++i]);
                case "--smoke" -> smoke = true;
                case "--headline" -> headline = true;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        System.out.println("benchmark data under " + BenchDirs.root());
        Instant start = Instant.now();
        List<RunResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Step step : headline ? headlineSteps() : steps()) {
            if (!include.matcher(step.name()).find()) {
                continue;
            }
            System.out.printf("%n### %s (%s since start)%n", step.name(), elapsed(start));
            ChainedOptionsBuilder options = new OptionsBuilder().include(step.include()).shouldFailOnError(true);
            step.params().forEach((name, values) -> options.param(name, values.split(",")));
            if (step.allocation()) {
                options.addProfiler(GCProfiler.class);
            }
            if (headline) {
                options.forks(HEADLINE_FORKS).warmupIterations(HEADLINE_WARMUPS).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(HEADLINE_ITERATIONS).measurementTime(TimeValue.seconds(1));
            }
            if (smoke) {
                options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
            }
            try {
                results.addAll(new Runner(options.build()).run());
            } catch (RunnerException e) {
                failed.add(step.name() + ": " + e.getMessage());
                e.printStackTrace();
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (PrintStream json = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(results);
        }
        System.out.printf("%n%d results in %s, after %s%n", results.size(), out, elapsed(start));
        if (!failed.isEmpty()) {
            System.err.println("failed steps:");
            failed.forEach(f -> System.err.println("  " + f));
            System.exit(1);
        }
    }

    private static String elapsed(Instant start) {
        Duration d = Duration.between(start, Instant.now());
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
