package dev.jwal.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns one run's JMH JSON (and {@code bench/append-cli.sh}'s timing) into the Markdown report and the
 * ratio chart (SVG, and PNG when Java2D can draw). Every ratio divides two medians of the same run; the
 * targets come from {@code targets.json} ({@link TargetSpec}).
 *
 * <pre>
 * java -cp benchmarks.jar dev.jwal.bench.report.ReportRenderer --results R.json --md OUT.md --svg OUT.svg
 *     [--png OUT.png] [--cli append-cli.json] [--machine machine.txt] [--title TEXT]
 * </pre>
 */
public final class ReportRenderer {
    private static final String CHART_TITLE = "jwal: throughput ratios against the raw disk and the targets";

    private ReportRenderer() {
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
        System.setProperty("java.awt.headless", "true");
        List<String> machine = machineFile != null && Files.isRegularFile(machineFile)
                ? Files.readAllLines(machineFile).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
        Results results = new Results(JmhResult.read(resultsFile));
        Optional<CliTiming> cli = CliTiming.read(cliFile);
        List<Target> targets = new Targets(results, cli).rows(TargetSpec.load());
        JmhResult.RunInfo info = JmhResult.runInfo(resultsFile);
        Files.writeString(md, new MarkdownReport(results, cli, machine, targets)
                .render(title, info, svg.getFileName().toString()), StandardCharsets.UTF_8);

        List<String> notes = new ArrayList<>();
        notes.add("Bars: ratio of medians from one run (log scale); black tick: the target. Green: met, red: missed, "
                + "grey: no target.");
        notes.addAll(machine);
        String subtitle = title + " - JMH " + info.jmhVersion() + ", " + info.vmName() + " " + info.jdkVersion();
        RatioChart chart = new RatioChart(CHART_TITLE, subtitle, chartGroups(results, targets), notes);
        chart.writeSvg(svg);
        if (png != null) {
            try {
                chart.writePng(png);
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

    /** The targets, then every single-thread append and every thread count, each against its raw baseline. */
    static List<RatioChart.Group> chartGroups(Results results, List<Target> targets) {
        List<RatioChart.Group> groups = new ArrayList<>();
        List<RatioChart.Bar> targetBars = new ArrayList<>();
        for (Target t : targets) {
            String note = !t.ran() ? "not measured"
                    : Format.number(t.ratio()) + "x  (goal " + Format.number(t.goal()) + "x)";
            targetBars.add(new RatioChart.Bar(t.target().replace("`", ""), t.ratio(), t.goal(), note));
        }
        groups.add(new RatioChart.Group("Targets (recovery: MB/s / 500; wal append: 1.1 s / ours)", targetBars));
        List<RatioChart.Bar> appendBars = new ArrayList<>();
        results.appends().sorted(JmhResult.bySyncLayoutAndSize()).forEach(r -> {
            double ratio = r.median() / results.rawBaseline(r);
            if (Double.isNaN(ratio)) {
                return;
            }
            appendBars.add(new RatioChart.Bar(r.param("sync") + ", " + r.param("layout") + ", " + r.param("size")
                    + " floats", ratio, Double.NaN, Format.number(ratio) + "x of raw "
                    + (r.param("sync").equals("every-write") ? "write+force" : "write")));
        });
        if (!appendBars.isEmpty()) {
            groups.add(new RatioChart.Group("Append, 1 thread / raw FileChannel loop writing the same bytes", appendBars));
        }
        List<RatioChart.Bar> threadBars = new ArrayList<>();
        results.of(Results.THREADS).sorted(Comparator.comparingInt(JmhResult::threads)).forEach(r -> {
            double ratio = r.median() / results.median(Results.GROUP, r.method(), "layout", r.param("layout"), "size",
                    r.param("size"));
            threadBars.add(new RatioChart.Bar("every-write, " + r.threads() + (r.threads() == 1 ? " thread, " : " threads, ")
                    + r.param("layout") + ", " + r.param("size") + " floats", ratio, Double.NaN,
                    Format.number(ratio) + "x of raw group commit"));
        });
        if (!threadBars.isEmpty()) {
            groups.add(new RatioChart.Group("Group commit / raw single-writer group commit", threadBars));
        }
        return groups;
    }
}
