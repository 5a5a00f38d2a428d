package dev.jwal.bench.report;

import dev.jwal.bench.Layout;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Markdown report of one run: the targets table, then a table per benchmark family with its baseline,
 * the baselines themselves, the {@code wal append} timing and the machine.
 */
final class MarkdownReport {
    private final Results results;
    private final Optional<CliTiming> cli;
    private final List<String> machine;
    private final List<Target> targets;
    private final StringBuilder md = new StringBuilder();

    MarkdownReport(Results results, Optional<CliTiming> cli, List<String> machine, List<Target> targets) {
        this.results = results;
        this.cli = cli;
        this.machine = machine;
        this.targets = targets;
    }

    String render(String title, JmhResult.RunInfo info, String svgName) {
        line("# " + title);
        line("");
        line("Medians of one run of `bench/run.sh`: each benchmark " + info.settings()
                + " (the first result's settings); every ratio divides two medians of this same run. JMH " + info.jmhVersion()
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
        for (Target t : targets) {
            line("| " + t.target() + " | " + t.measured() + " | " + t.baseline() + " | " + Format.ratio(t.ratio()) + " | "
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
        results.appends().sorted(JmhResult.bySyncLayoutAndSize()).forEach(r -> {
            boolean force = r.param("sync").equals("every-write");
            double raw = results.rawBaseline(r);
            line(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %s |", r.param("layout"),
                    r.param("sync"), r.param("size"), Format.recordBytes(r.param("layout"), r.param("size")), Format.opsRange(r),
                    Format.mbs(r, r.param("layout")), force ? "write+force" : "write", Format.ops(raw), Format.ratio(r.median() / raw)));
        });
        line("");
    }

    private void threadsTable() {
        if (results.of(Results.THREADS).findAny().isEmpty()) {
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
        results.of(Results.THREADS).sorted(Comparator.comparingInt(JmhResult::threads).thenComparing(JmhResult.byLayoutAndSize()))
                .forEach(r -> {
                    double raw = results.median(Results.GROUP, r.method(), "layout", r.param("layout"), "size", r.param("size"));
                    line("| " + r.threads() + " | " + r.param("layout") + " | " + r.param("size") + " | " + Format.opsRange(r)
                            + " | " + Format.ops(raw) + " | " + Format.ratio(r.median() / raw) + " |");
                });
        line("");
    }

    private void codecTable() {
        if (results.of(Results.CODEC).findAny().isEmpty()) {
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
                double encode = results.median(Results.CODEC, "encode", "codec", codec, "size", size);
                double decode = results.median(Results.CODEC, "decode", "codec", codec, "size", size);
                if (Double.isNaN(encode) && Double.isNaN(decode)) {
                    continue;
                }
                line(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %s | %s | %s |", codec, size,
                        Format.payloadBytes(codec, Integer.parseInt(size)), Format.ns(encode), Format.ns(decode), Format.ns(encode + decode),
                        Format.ratio(codecRoundTrip("json", size) / (encode + decode))));
            }
        }
        line("");
    }

    private void recoveryTable() {
        if (results.of(Results.RECOVERY).findAny().isEmpty()) {
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
        results.of(Results.RECOVERY).sorted(JmhResult.byLayoutAndSize().thenComparing(JmhResult::method)).forEach(r -> line(String.format(
                Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f |", r.param("layout"), r.method(),
                r.secondary().getOrDefault("bytes", Double.NaN) / 1e6, r.secondary().getOrDefault("entries", Double.NaN),
                r.median())));
        line("");
    }

    private void preallocationTable() {
        double growing = results.median(Results.PREALLOCATION, "writeForce", "file", "growing");
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
            results.find(Results.PREALLOCATION, "writeForce", "file", file).ifPresent(r -> line("| " + file + " | "
                    + Format.opsRange(r) + " | " + Format.ratio(r.median() / growing) + " |"));
        }
        line("");
        List<JmhResult> off = results.of(Results.APPEND).filter(r -> r.param("preallocate").equals("false"))
                .sorted(JmhResult.byLayoutAndSize()).toList();
        if (off.isEmpty()) {
            return;
        }
        line("Through the log: appends from one thread, framed segments as by default (preallocated unless the "
                + "sync is manual) or growing as written (`preallocate(false)`).");
        line("");
        line("| layout | sync | floats | default appends/s | growing appends/s | default vs growing |");
        line("|---|---|---:|---:|---:|---:|");
        for (JmhResult growingLog : off) {
            results.find(Results.APPEND, "append", "layout", growingLog.param("layout"), "sync", growingLog.param("sync"),
                    "size", growingLog.param("size"), "preallocate", "default").ifPresent(preallocated -> line("| "
                    + growingLog.param("layout") + " | " + growingLog.param("sync") + " | " + growingLog.param("size")
                    + " | " + Format.opsRange(preallocated) + " | " + Format.opsRange(growingLog) + " | "
                    + Format.ratio(preallocated.median() / growingLog.median()) + " |"));
        }
        line("");
    }

    private void allocationTable() {
        List<JmhResult> appends = results.allocationOf(Results.APPEND).sorted(JmhResult.byLayoutAndSize()).toList();
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
            double encode = results.allocatedPerOp(Results.CODEC, "encode", "codec", codec, "size", append.param("size"));
            double total = append.secondary().get(Results.ALLOCATED_PER_OP);
            line(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %,.0f |", append.param("layout"),
                    append.param("size"), Format.payloadBytes(codec, Integer.parseInt(append.param("size"))), encode, total,
                    total - encode));
        }
        line("");
    }

    private void storageTable() {
        if (results.of(Results.STORAGE).findAny().isEmpty()) {
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
            double storage = results.median(Results.STORAGE, "storageUpsert", "sync", sync);
            double log = results.median(Results.STORAGE, "logAppend", "sync", sync);
            if (!Double.isNaN(storage) && !Double.isNaN(log)) {
                line(String.format(Locale.ROOT, "| %s | %s | %s | %s |", sync, Format.ops(storage), Format.ops(log),
                        Format.ratio(storage / log)));
            }
        }
        line("");
    }

    private void baselineTable() {
        line("## Baselines");
        line("");
        line("| baseline | layout | floats | threads | ops/s | MB/s |");
        line("|---|---|---:|---:|---:|---:|");
        results.of(Results.RAW).sorted(Comparator.comparing(JmhResult::method).thenComparing(JmhResult.byLayoutAndSize()))
                .forEach(r -> line("| raw " + (r.method().equals("write") ? "write" : "write+force") + " | "
                        + r.param("layout") + " | " + r.param("size") + " | 1 | " + Format.opsRange(r) + " | "
                        + Format.mbs(r, r.param("layout")) + " |"));
        results.of(Results.GROUP).sorted(Comparator.comparingInt(JmhResult::threads)).forEach(r -> line("| raw group commit | "
                + r.param("layout") + " | " + r.param("size") + " | " + r.threads() + " | " + Format.opsRange(r) + " | "
                + Format.mbs(r, r.param("layout")) + " |"));
        results.of(Results.NAIVE).sorted(Comparator.comparingInt(r -> Integer.parseInt(r.param("size")))).forEach(r -> line(
                "| reference-style JSON lines (flush per append) | json-lines | " + r.param("size") + " | 1 | "
                        + Format.opsRange(r) + " | " + Format.mbs(r, "json-lines") + " |"));
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
                        + "%.0f MB/s of JSON input (%,d entries of %d floats, %.1f MB).",
                t.command(), t.tool(), t.runs(), t.medianSeconds(), t.opsPerSecond(), t.inputBytes() / 1e6 / t.medianSeconds(),
                t.entries(), t.dimension(), t.inputBytes() / 1e6));
        line("");
        if (!Double.isNaN(t.kryoSeconds())) {
            line(String.format(Locale.ROOT, "The same input into a kryo framed log (`--codec kryo`): median %.2f s, "
                    + "%.2fx the json time.", t.kryoSeconds(), t.kryoSeconds() / t.medianSeconds()));
            line("");
        }
        if (t.hasReference()) {
            line(String.format(Locale.ROOT, "The reference implementation on the same input, alternating with jwal: runs "
                    + "%s s, median %.2f s; jwal json takes %.2fx its time.", t.referenceRuns(), t.referenceSeconds(),
                    t.medianSeconds() / t.referenceSeconds()));
        } else {
            line(String.format(Locale.ROOT, "The reference was not timed in this run (it did not build): its own "
                    + "figure is about 1.1 s for 135 MB on its dev machine (ours scaled to 135 MB: %.2f s).",
                    t.secondsPer135Mb()));
        }
        line("");
    }

    private double codecRoundTrip(String codec, String size) {
        return results.median(Results.CODEC, "encode", "codec", codec, "size", size)
                + results.median(Results.CODEC, "decode", "codec", codec, "size", size);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
