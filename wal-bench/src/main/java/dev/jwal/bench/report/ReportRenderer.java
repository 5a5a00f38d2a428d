package dev.jwal.bench.report;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.bench.BenchEntries;
import dev.jwal.bench.Layout;
import dev.jwal.bench.RecordBytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns one run's JMH JSON (and {@code bench/append-cli.sh}'s timing) into the Markdown report and the
 * ratio chart (SVG, and PNG when Java2D can draw). Every ratio divides two medians of the same run.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jwal.bench.report.ReportRenderer --results R.json --md OUT.md --svg OUT.svg
 *     [--png OUT.png] [--cli append-cli.json] [--machine machine.txt] [--title TEXT]
 * </pre>
 */
public final class ReportRenderer {
    private static final String APPEND = "AppendBenchmark";
    private static final String THREADS = "AppendThreadsBenchmark";
    private static final String ASYNC = "AsyncAppendBenchmark";
    private static final String RAW = "RawWriteBenchmark";
    private static final String GROUP = "RawGroupCommitBenchmark";
    private static final String NAIVE = "NaiveJsonLinesBenchmark";
    private static final String CODEC = "CodecBenchmark";
    private static final String RECOVERY = "RecoveryBenchmark";
    private static final String PREALLOCATION = "PreallocationBenchmark";
    private static final String STORAGE = "StorageBenchmark";
    private static final double RECOVERY_GOAL_MB_S = 500;

    private final Results results;
    private final Optional<CliTiming> cli;
    private final List<String> machine;
    private final StringBuilder md = new StringBuilder();

    /** One row of the targets table, and one bar of the chart. */
    record Target(String target, String measured, String baseline, double ratio, double goal, String goalText) {
        String status() {
            if (Double.isNaN(goal)) {
                return "not measured";
            }
            if (Double.isNaN(ratio)) {
                return "missing";
            }
            return ratio >= goal ? "**met**" : "**missed**";
        }
    }

    private ReportRenderer(Results results, Optional<CliTiming> cli, List<String> machine) {
        this.results = results;
        this.cli = cli;
        this.machine = machine;
    }

    public static void main(String[] args) throws IOException {
        Path resultsFile = null;
        Path md = null;
        Path svg = null;
        Path png = null;
        Path cliFile = null;
        Path machineFile = null;
        String title = "jwal benchmarks";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--results" -> resultsFile = Path.of(value);
                case "--md" -> md = Path.of(value);
                case "--svg" -> svg = Path.of(value);
                case "--png" -> png = Path.of(value);
                case "--cli" -> cliFile = Path.of(value);
                case "--machine" -> machineFile = Path.of(value);
                case "--title" -> title = value;
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (resultsFile == null || md == null || svg == null) {
            usage("--results, --md and --svg are required");
        }
        List<String> machine = machineFile != null && Files.isRegularFile(machineFile)
                ? Files.readAllLines(machineFile).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
        ReportRenderer renderer = new ReportRenderer(new Results(JmhResult.read(resultsFile)), CliTiming.read(cliFile),
                machine);
        JmhResult.RunInfo info = JmhResult.runInfo(resultsFile);
        Files.writeString(md, renderer.markdown(title, info, svg.getFileName().toString()), StandardCharsets.UTF_8);
        List<RatioChart.Group> groups = renderer.chartGroups();
        List<String> notes = new ArrayList<>();
        notes.add("Bars: ratio of medians from one run (log scale); black tick: the target. Green: met, red: missed, "
                + "grey: no target.");
        machine.forEach(line -> notes.add(line));
        int width = RatioChart.width();
        int height = RatioChart.height(groups, notes);
        String subtitle = title + " - JMH " + info.jmhVersion() + ", " + info.vmName() + " " + info.jdkVersion();
        SvgCanvas svgCanvas = new SvgCanvas(width, height);
        RatioChart.draw(svgCanvas, "jwal: throughput ratios against the raw disk and the targets", subtitle, groups, notes);
        Files.writeString(svg, svgCanvas.toSvg(), StandardCharsets.UTF_8);
        if (png != null) {
            try {
                PngCanvas pngCanvas = new PngCanvas(width, height);
                RatioChart.draw(pngCanvas, "jwal: throughput ratios against the raw disk and the targets", subtitle,
                        groups, notes);
                pngCanvas.write(png);
            } catch (RuntimeException | Error e) {
                System.err.println("no PNG (Java2D could not draw here): " + e);
            }
        }
        System.out.println("wrote " + md + " and " + svg + (png != null ? " (and " + png + ")" : ""));
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ReportRenderer --results R.json --md OUT.md --svg OUT.svg [--png OUT.png] "
                + "[--cli append-cli.json] [--machine machine.txt] [--title TEXT]");
        System.exit(2);
    }

    // ---------------------------------------------------------------- targets

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        appends().filter(r -> r.param("sync").equals("every-write")).sorted(byLayoutAndSize())
                .forEach(append -> {
                    double raw = results.median(RAW, "writeForce", "layout", append.param("layout"), "size",
                            append.param("size"));
                    targets.add(new Target("every-write, 1 thread: " + append.param("layout") + ", "
                            + append.param("size") + " floats", ops(append.median()), "raw write+force " + ops(raw),
                            append.median() / raw, 0.9, ">= 0.9x"));
                });
        results.of(THREADS).filter(r -> r.threads() == 64).forEach(append -> {
            double raw = results.median(GROUP, append.method(), "layout", append.param("layout"), "size",
                    append.param("size"));
            targets.add(new Target("every-write, 64 threads: " + append.param("layout") + ", " + append.param("size")
                    + " floats", ops(append.median()), "raw group commit " + ops(raw), append.median() / raw, 1.0,
                    ">= 1.0x"));
        });
        List<JmhResult> async = results.of(ASYNC).filter(r -> r.param("sync").equals("every-write"))
                .sorted(byLayoutAndSize()).toList();
        if (async.isEmpty()) {
            targets.add(new Target("every-write, async append, 1 thread, 100-byte entries", "-",
                    "manual-sync append", Double.NaN, Double.NaN, ">= 0.5x (not measured)"));
        }
        for (JmhResult r : async) {
            double manual = results.median(APPEND, "append", "sync", "manual", "layout", r.param("layout"), "size",
                    r.param("size"));
            targets.add(new Target("appendAsync, every-write, not waiting: " + r.param("layout") + ", "
                    + r.param("size") + " floats", String.format(Locale.ROOT, "%s (%,.0f-byte payloads)", ops(r.median()),
                    payloadBytes(Layout.parse(r.param("layout")).codec(), Integer.parseInt(r.param("size")))),
                    "manual-sync append " + ops(manual), r.median() / manual, 0.5, ">= 0.5x"));
        }
        for (String layout : List.of("kryo-framed", "protobuf-framed")) {
            results.find(APPEND, "append", "sync", "manual", "layout", layout, "size", "1536").ifPresent(append -> {
                double raw = results.median(RAW, "write", "layout", layout, "size", "1536");
                targets.add(new Target("manual, " + layout + ", 1536 floats", mbs(append, layout),
                        "raw unsynced write " + mbs(raw, layout, 1536), append.median() / raw, 0.7, ">= 0.7x"));
            });
        }
        appends().filter(r -> r.param("sync").equals("manual") && r.param("layout").equals("json-lines"))
                .sorted(byLayoutAndSize()).forEach(append -> {
                    double naive = results.median(NAIVE, "append", "size", append.param("size"));
                    targets.add(new Target("JSON lines, manual: " + append.param("size") + " floats",
                            ops(append.median()), "reference-style writer " + ops(naive), append.median() / naive,
                            3.0, ">= 3x"));
                });
        for (String codec : List.of("kryo", "protobuf")) {
            double binary = codecRoundTrip(codec, "1536");
            if (!Double.isNaN(binary)) {
                double json = codecRoundTrip("json", "1536");
                targets.add(new Target(codec + " encode + decode, 1536 floats", ns(binary),
                        "json " + ns(json), json / binary, 10.0, ">= 10x faster"));
            }
        }
        for (String layout : List.of("kryo-framed", "protobuf-framed")) {
            results.find(RECOVERY, "recover", "layout", layout).ifPresent(recovery -> {
                double mbs = recovery.secondary().getOrDefault("bytes", Double.NaN) / 1e6;
                targets.add(new Target("recovery from page cache, " + layout, String.format(Locale.ROOT, "%,.0f MB/s", mbs),
                        "500 MB/s", mbs / RECOVERY_GOAL_MB_S, 1.0, ">= 500 MB/s"));
            });
        }
        cli.ifPresent(timing -> targets.add(new Target(String.format(Locale.ROOT,
                "`wal append`, whole process, %,d x %d floats, manual", timing.entries(), timing.dimension()),
                String.format(Locale.ROOT, "%.2f s (%.0f MB input)", timing.medianSeconds(), timing.inputBytes() / 1e6),
                "reference 1.1 s (135 MB, its machine)", timing.speedVersusReference(), 1 / CliTiming.ALLOWED_FACTOR,
                "<= 1.65 s (>= 0.67x)")));
        return targets;
    }

    private double codecRoundTrip(String codec, String size) {
        return results.median(CODEC, "encode", "codec", codec, "size", size)
                + results.median(CODEC, "decode", "codec", codec, "size", size);
    }

    private static Comparator<JmhResult> byLayoutAndSize() {
        return Comparator.comparingInt((JmhResult r) -> layoutOrder(r.param("layout")))
                .thenComparingInt(r -> Integer.parseInt(r.param("size")));
    }

    private static Comparator<JmhResult> bySyncLayoutAndSize() {
        return Comparator.comparingInt((JmhResult r) -> syncOrder(r.param("sync"))).thenComparing(byLayoutAndSize());
    }

    private static int layoutOrder(String layout) {
        int index = List.of(Layout.ALL).indexOf(layout);
        return index < 0 ? 99 : index;
    }

    private static int syncOrder(String sync) {
        return sync.equals("manual") ? 0 : sync.startsWith("periodic") ? 1 : sync.startsWith("interval") ? 2 : 3;
    }

    // ---------------------------------------------------------------- markdown

    String markdown(String title, JmhResult.RunInfo info, String svgName) {
        line("# " + title);
        line("");
        line("Medians of one run of the short profile (`bench/run.sh`): each benchmark 1 fork, 2 x 1 s warm-up, "
                + "3 x 1 s measurement; every ratio divides two medians of this same run. JMH " + info.jmhVersion()
                + ", " + info.vmName() + " " + info.vmVersion() + ". Machine at the end.");
        line("");
        line("![ratios against the targets](" + svgName + ")");
        line("");
        targetsTable();
        appendTable();
        threadsTable();
        codecTable();
        recoveryTable();
        preallocationTable();
        storageTable();
        allocationTable();
        baselineTable();
        cliSection();
        line("## Machine");
        line("");
        line("```");
        machine.forEach(this::line);
        line("```");
        return md.toString();
    }

    private void targetsTable() {
        line("## Targets");
        line("");
        line("| target | measured | baseline (same run) | ratio | goal | status |");
        line("|---|---:|---|---:|---|---|");
        for (Target t : targets()) {
            line("| " + t.target() + " | " + t.measured() + " | " + t.baseline() + " | " + ratio(t.ratio()) + " | "
                    + t.goalText() + " | " + t.status() + " |");
        }
        line("");
    }

    private void appendTable() {
        line("## Append, one thread");
        line("");
        line("Appends per second (median, min to max), encoding included. Baseline: a bare FileChannel loop writing "
                + "the same record bytes, without force for `manual` and `periodic:100`, with an fdatasync per record "
                + "for `every-write`.");
        line("");
        line("| layout | sync | floats | bytes/record | appends/s | MB/s | raw baseline | raw ops/s | ratio |");
        line("|---|---|---:|---:|---:|---:|---|---:|---:|");
        appends().sorted(bySyncLayoutAndSize()).forEach(r -> {
            boolean force = r.param("sync").equals("every-write");
            double raw = rawBaseline(r);
            line(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %s |", r.param("layout"),
                    r.param("sync"), r.param("size"), recordBytes(r.param("layout"), r.param("size")), opsRange(r),
                    mbs(r, r.param("layout")), force ? "write+force" : "write", ops(raw), ratio(r.median() / raw)));
        });
        line("");
    }

    private double rawBaseline(JmhResult append) {
        return results.median(RAW, append.param("sync").equals("every-write") ? "writeForce" : "write",
                "layout", append.param("layout"), "size", append.param("size"));
    }

    private void threadsTable() {
        if (results.of(THREADS).findAny().isEmpty()) {
            return;
        }
        line("## every-write from several threads (group commit)");
        line("");
        line("Appends per second, all threads together, each thread waiting for its own entry to be durable. "
                + "Baseline: a bare single-writer group commit of the same record bytes (one writer thread, one "
                + "gathering write and one fdatasync per batch).");
        line("");
        line("| threads | layout | floats | appends/s | raw group commit/s | ratio |");
        line("|---:|---|---:|---:|---:|---:|");
        results.of(THREADS).sorted(Comparator.comparingInt(JmhResult::threads).thenComparing(byLayoutAndSize()))
                .forEach(r -> {
                    double raw = results.median(GROUP, r.method(), "layout", r.param("layout"), "size", r.param("size"));
                    line("| " + r.threads() + " | " + r.param("layout") + " | " + r.param("size") + " | " + opsRange(r)
                            + " | " + ops(raw) + " | " + ratio(r.median() / raw) + " |");
                });
        line("");
    }

    private void codecTable() {
        if (results.of(CODEC).findAny().isEmpty()) {
            return;
        }
        line("## Codecs");
        line("");
        line("Nanoseconds per entry (median); bytes per entry are the payload sizes of the same entries.");
        line("");
        line("| codec | floats | bytes/entry | encode ns | decode ns | encode + decode ns | json's time / this |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (String size : List.of("8", "128", "1536")) {
            for (String codec : List.of("json", "kryo", "protobuf")) {
                double encode = results.median(CODEC, "encode", "codec", codec, "size", size);
                double decode = results.median(CODEC, "decode", "codec", codec, "size", size);
                if (Double.isNaN(encode) && Double.isNaN(decode)) {
                    continue;
                }
                line(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %s | %s | %s |", codec, size,
                        payloadBytes(codec, Integer.parseInt(size)), ns(encode), ns(decode), ns(encode + decode),
                        ratio(codecRoundTrip("json", size) / (encode + decode))));
            }
        }
        line("");
    }

    private void recoveryTable() {
        if (results.of(RECOVERY).findAny().isEmpty()) {
            return;
        }
        line("## Recovery");
        line("");
        line("Reading back a 96 MiB log of 128-float entries from the page cache through `LogInspector`: `read` "
                + "returns every record, `recover` what recovery replays (here every entry). MB = 10^6 bytes of "
                + "segment files.");
        line("");
        line("| layout | method | MB/s | entries/s | whole-log reads/s |");
        line("|---|---|---:|---:|---:|");
        results.of(RECOVERY).sorted(byLayoutAndSize().thenComparing(JmhResult::method)).forEach(r -> line(String.format(
                Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f |", r.param("layout"), r.method(),
                r.secondary().getOrDefault("bytes", Double.NaN) / 1e6, r.secondary().getOrDefault("entries", Double.NaN),
                r.median())));
        line("");
    }

    /** The appends to default logs: not the ones run with preallocation turned off to measure it. */
    private Stream<JmhResult> appends() {
        return results.of(APPEND).filter(r -> !r.param("preallocate").equals("false"));
    }

    private void preallocationTable() {
        double growing = results.median(PREALLOCATION, "writeForce", "file", "growing");
        if (Double.isNaN(growing)) {
            return;
        }
        line("## Segment preallocation");
        line("");
        line("Raw write + fdatasync of one 128-float kryo record at a time into a file that grows with each write "
                + "(what the log does), one extended to 64 MiB first without writing (sparse), and one filled with "
                + "64 MiB of zeros and forced first (overwritten in place).");
        line("");
        line("| file | writes+fsyncs/s | vs growing |");
        line("|---|---:|---:|");
        for (String file : List.of("growing", "sparse", "zeroed")) {
            results.find(PREALLOCATION, "writeForce", "file", file).ifPresent(r -> line("| " + file + " | "
                    + opsRange(r) + " | " + ratio(r.median() / growing) + " |"));
        }
        line("");
        List<JmhResult> off = results.of(APPEND).filter(r -> r.param("preallocate").equals("false"))
                .sorted(byLayoutAndSize()).toList();
        if (off.isEmpty()) {
            return;
        }
        line("Through the log: appends from one thread, framed segments as by default (preallocated unless the "
                + "sync is manual) or growing as written (`preallocate(false)`).");
        line("");
        line("| layout | sync | floats | default appends/s | growing appends/s | default vs growing |");
        line("|---|---|---:|---:|---:|---:|");
        for (JmhResult growingLog : off) {
            results.find(APPEND, "append", "layout", growingLog.param("layout"), "sync", growingLog.param("sync"),
                    "size", growingLog.param("size"), "preallocate", "default").ifPresent(preallocated -> line("| "
                    + growingLog.param("layout") + " | " + growingLog.param("sync") + " | " + growingLog.param("size")
                    + " | " + opsRange(preallocated) + " | " + opsRange(growingLog) + " | "
                    + ratio(preallocated.median() / growingLog.median()) + " |"));
        }
        line("");
    }

    private void allocationTable() {
        List<JmhResult> appends = results.allocationOf(APPEND).sorted(byLayoutAndSize()).toList();
        if (appends.isEmpty()) {
            return;
        }
        line("## Allocation per append");
        line("");
        line("Bytes allocated on the heap per `append` under manual sync (JMH's GC profiler, `gc.alloc.rate.norm`), "
                + "against what the codec's `encode` of the same entries allocates on its own, the payload array "
                + "included. The difference is what the log's append path allocates. These runs are profiled, so "
                + "their speed is not quoted.");
        line("");
        line("| layout | floats | payload bytes | encode allocates (B) | append allocates (B) | the log's path (B) |");
        line("|---|---:|---:|---:|---:|---:|");
        for (JmhResult append : appends) {
            String codec = Layout.parse(append.param("layout")).codec();
            double encode = results.allocatedPerOp(CODEC, "encode", "codec", codec, "size", append.param("size"));
            double total = append.secondary().get(Results.ALLOCATED_PER_OP);
            line(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %,.0f |", append.param("layout"),
                    append.param("size"), payloadBytes(codec, Integer.parseInt(append.param("size"))), encode, total,
                    total - encode));
        }
        line("");
    }

    private void storageTable() {
        if (results.of(STORAGE).findAny().isEmpty()) {
            return;
        }
        line("## Storage");
        line("");
        line("One thread upserting 128-float vectors through `WalStorage` (check, append, apply) against the raw "
                + "log appends of the same entries, kryo framed.");
        line("");
        line("| sync | storage upserts/s | log appends/s | ratio |");
        line("|---|---:|---:|---:|");
        for (String sync : List.of("every-write", "manual")) {
            double storage = results.median(STORAGE, "storageUpsert", "sync", sync);
            double log = results.median(STORAGE, "logAppend", "sync", sync);
            if (!Double.isNaN(storage) && !Double.isNaN(log)) {
                line(String.format(Locale.ROOT, "| %s | %s | %s | %s |", sync, ops(storage), ops(log),
                        ratio(storage / log)));
            }
        }
        line("");
    }

    private void baselineTable() {
        line("## Baselines");
        line("");
        line("| baseline | layout | floats | threads | ops/s | MB/s |");
        line("|---|---|---:|---:|---:|---:|");
        results.of(RAW).sorted(Comparator.comparing(JmhResult::method).thenComparing(byLayoutAndSize()))
                .forEach(r -> line("| raw " + (r.method().equals("write") ? "write" : "write+force") + " | "
                        + r.param("layout") + " | " + r.param("size") + " | 1 | " + opsRange(r) + " | "
                        + mbs(r, r.param("layout")) + " |"));
        results.of(GROUP).sorted(Comparator.comparingInt(JmhResult::threads)).forEach(r -> line("| raw group commit | "
                + r.param("layout") + " | " + r.param("size") + " | " + r.threads() + " | " + opsRange(r) + " | "
                + mbs(r, r.param("layout")) + " |"));
        results.of(NAIVE).sorted(Comparator.comparingInt(r -> Integer.parseInt(r.param("size")))).forEach(r -> line(
                "| reference-style JSON lines (flush per append) | json-lines | " + r.param("size") + " | 1 | "
                        + opsRange(r) + " | " + mbs(r, "json-lines") + " |"));
        line("");
    }

    private void cliSection() {
        if (cli.isEmpty()) {
            return;
        }
        CliTiming t = cli.get();
        line("## `wal append`, whole process");
        line("");
        line(String.format(Locale.ROOT, "`%s`, timed with %s: runs %s s, median **%.2f s**, %,.0f entries/s, "
                        + "%.0f MB/s of JSON input (%,d entries of %d floats, %.1f MB; the reference's input is 135 MB: "
                        + "scaled to it, %.2f s). Reference: about 1.1 s on its dev machine, a different machine.",
                t.command(), t.tool(), t.runs(), t.medianSeconds(), t.opsPerSecond(), t.inputBytes() / 1e6 / t.medianSeconds(),
                t.entries(), t.dimension(), t.inputBytes() / 1e6, t.secondsPer135Mb()));
        line("");
    }

    // ---------------------------------------------------------------- chart

    List<RatioChart.Group> chartGroups() {
        List<RatioChart.Group> groups = new ArrayList<>();
        List<RatioChart.Bar> targetBars = new ArrayList<>();
        for (Target t : targets()) {
            String note = Double.isNaN(t.goal()) ? "not measured"
                    : RatioChart.format(t.ratio()) + "x  (goal " + RatioChart.format(t.goal()) + "x)";
            targetBars.add(new RatioChart.Bar(t.target().replace("`", ""), t.ratio(), t.goal(), note));
        }
        groups.add(new RatioChart.Group("Targets (recovery: MB/s / 500; wal append: 1.1 s / ours)", targetBars));
        List<RatioChart.Bar> appendBars = new ArrayList<>();
        appends().sorted(bySyncLayoutAndSize()).forEach(r -> {
            double ratio = r.median() / rawBaseline(r);
            if (Double.isNaN(ratio)) {
                return;
            }
            appendBars.add(new RatioChart.Bar(r.param("sync") + ", " + r.param("layout") + ", " + r.param("size")
                    + " floats", ratio, Double.NaN, RatioChart.format(ratio) + "x of raw "
                    + (r.param("sync").equals("every-write") ? "write+force" : "write")));
        });
        if (!appendBars.isEmpty()) {
            groups.add(new RatioChart.Group("Append, 1 thread / raw FileChannel loop writing the same bytes", appendBars));
        }
        List<RatioChart.Bar> threadBars = new ArrayList<>();
        results.of(THREADS).sorted(Comparator.comparingInt(JmhResult::threads)).forEach(r -> {
            double ratio = r.median() / results.median(GROUP, r.method(), "layout", r.param("layout"), "size",
                    r.param("size"));
            threadBars.add(new RatioChart.Bar("every-write, " + r.threads() + (r.threads() == 1 ? " thread, " : " threads, ") + r.param("layout") + ", "
                    + r.param("size") + " floats", ratio, Double.NaN, RatioChart.format(ratio) + "x of raw group commit"));
        });
        if (!threadBars.isEmpty()) {
            groups.add(new RatioChart.Group("Group commit / raw single-writer group commit", threadBars));
        }
        return groups;
    }

    // ---------------------------------------------------------------- formatting

    private static double recordBytes(String layout, String size) {
        return RecordBytes.meanSize(Layout.parse(layout), Integer.parseInt(size));
    }

    private static double payloadBytes(String codecName, int size) {
        EntryCodec codec = Codecs.byName(codecName);
        long total = 0;
        WalEntry[] entries = BenchEntries.pool(size);
        for (WalEntry entry : entries) {
            total += codec.encode(entry).length;
        }
        return (double) total / entries.length;
    }

    private static String mbs(JmhResult r, String layout) {
        return mbs(r.median(), layout, Integer.parseInt(r.param("size")));
    }

    private static String mbs(double opsPerSecond, String layout, int size) {
        return String.format(Locale.ROOT, "%,.1f", opsPerSecond * recordBytes(layout, Integer.toString(size)) / 1e6);
    }

    private static String ops(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String opsRange(JmhResult r) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f to %,.0f)", r.median(), r.min(), r.max());
    }

    private static String ns(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : RatioChart.format(value) + "x";
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
