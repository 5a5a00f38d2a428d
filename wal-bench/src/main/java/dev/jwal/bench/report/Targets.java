package dev.jwal.bench.report;

import dev.jwal.bench.Layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one run against the targets of {@code targets.json}: one {@link Target} row per result a target
 * matches, and one "not measured" row for a target the run did not measure, so a renamed benchmark shows.
 */
final class Targets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Results results;
    private final Optional<CliTiming> cli;

    Targets(Results results, Optional<CliTiming> cli) {
        this.results = results;
        this.cli = cli;
    }

    List<Target> rows(List<TargetSpec> specs) {
        List<Target> rows = new ArrayList<>();
        for (TargetSpec spec : specs) {
            rows.addAll(rows(spec));
        }
        return rows;
    }

    private List<Target> rows(TargetSpec spec) {
        TargetSpec.Measured measured = spec.measured();
        if (measured.source() != null) {
            if (!measured.source().equals(TargetSpec.WAL_APPEND)) {
                throw new IllegalArgumentException("unknown source '" + measured.source() + "' in " + spec.label());
            }
            return cli.map(timing -> List.of(walAppend(spec, timing))).orElseGet(() -> List.of(notMeasured(spec)));
        }
        List<JmhResult> matching = results.of(measured.benchmark())
                .filter(r -> r.method().equals(measured.methods().get(0)) && matches(r, measured.params()))
                .sorted(order(measured.params())).toList();
        if (matching.isEmpty()) {
            return List.of(notMeasured(spec));
        }
        List<Target> rows = new ArrayList<>();
        for (JmhResult r : matching) {
            double value = measuredValue(spec, r);
            double base = baselineValue(spec, r);
            double ratio = spec.show().lowerIsBetter() ? base / value : value / base;
            rows.add(new Target(label(spec.label(), r.params()), measuredText(spec.show(), value, r),
                    baselineText(spec, base, r), ratio, spec.goal(), spec.goalText(), true));
        }
        return rows;
    }

    /** Whether each parameter takes a listed value; a run from before a parameter existed matches it. */
    private static boolean matches(JmhResult r, Map<String, List<String>> params) {
        return params.entrySet().stream()
                .allMatch(e -> !r.params().containsKey(e.getKey()) || e.getValue().contains(r.param(e.getKey())));
    }

    /** Layout and size first (as the other tables), then any parameter in the order the target lists its values. */
    private static Comparator<JmhResult> order(Map<String, List<String>> params) {
        Comparator<JmhResult> order = JmhResult.byLayoutAndSize();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            order = order.thenComparingInt(r -> e.getValue().indexOf(r.param(e.getKey())));
        }
        return order;
    }

    private double measuredValue(TargetSpec spec, JmhResult r) {
        TargetSpec.Measured measured = spec.measured();
        if (measured.metric() != null) {
            return scale(spec.show(), r.secondary().getOrDefault(measured.metric(), Double.NaN));
        }
        double sum = r.median();
        for (String method : measured.methods().subList(1, measured.methods().size())) {
            sum += results.median(measured.benchmark(), method, r.paramPairs());
        }
        return scale(spec.show(), sum);
    }

    private double baselineValue(TargetSpec spec, JmhResult r) {
        TargetSpec.Baseline baseline = spec.baseline();
        if (baseline.value() != null) {
            return baseline.value();
        }
        List<String> pairs = new ArrayList<>();
        baseline.params().forEach((name, values) -> {
            pairs.add(name);
            pairs.add(values.get(0));
        });
        for (String name : baseline.same()) {
            pairs.add(name);
            pairs.add(r.param(name));
        }
        String[] nameValues = pairs.toArray(String[]::new);
        double sum = 0;
        for (String method : baseline.methods()) {
            sum += results.median(baseline.benchmark(), method, nameValues);
        }
        return scale(spec.show(), sum);
    }

    private static double scale(TargetSpec.Show show, double value) {
        return show == TargetSpec.Show.MB ? value / 1e6 : value;
    }

    private static String measuredText(TargetSpec.Show show, double value, JmhResult r) {
        return switch (show) {
            case OPS -> Format.ops(value);
            case OPS_PAYLOAD -> String.format(Locale.ROOT, "%s (%,.0f-byte payloads)", Format.ops(value),
                    Format.payloadBytes(Layout.parse(r.param("layout")).codec(), Integer.parseInt(r.param("size"))));
            case RECORD_MB -> Format.mbs(value, r.param("layout"), Integer.parseInt(r.param("size")));
            case NS -> Format.ns(value);
            case MB -> String.format(Locale.ROOT, "%,.0f MB/s", value);
            case SECONDS -> String.format(Locale.ROOT, "%.2f s", value);
        };
    }

    private static String baselineText(TargetSpec spec, double base, JmhResult r) {
        TargetSpec.Baseline baseline = spec.baseline();
        if (baseline.value() != null) {
            return baseline.label();
        }
        String figure = spec.show() == TargetSpec.Show.OPS_PAYLOAD ? Format.ops(base) : measuredText(spec.show(), base, r);
        return baseline.label() + " " + figure;
    }

    private static Target walAppend(TargetSpec spec, CliTiming timing) {
        String label = label(spec.label(), Map.of("entries", String.format(Locale.ROOT, "%,d", timing.entries()),
                "dimension", Integer.toString(timing.dimension())));
        String measured = String.format(Locale.ROOT, "%.2f s (%.0f MB input)", timing.medianSeconds(),
                timing.inputBytes() / 1e6);
        // Lower is better: the reference's time over ours. Timed in the same run on the same input when it could
        // be built; else the constant of targets.json (its machine, its input).
        if (timing.hasReference()) {
            return new Target(label, measured, String.format(Locale.ROOT, "reference, same run, same input: %.2f s",
                    timing.referenceSeconds()), timing.referenceSeconds() / timing.medianSeconds(), spec.goal(),
                    spec.goalText(), true);
        }
        return new Target(label, measured, spec.baseline().label(), spec.baseline().value() / timing.medianSeconds(),
                spec.goal(), spec.goalText(), true);
    }

    private static Target notMeasured(TargetSpec spec) {
        Map<String, List<String>> params = spec.measured().params();
        String label = fill(spec.label(), name -> params.containsKey(name) ? String.join("/", params.get(name)) : "*");
        return new Target(label, "-", spec.baseline().label(), Double.NaN, spec.goal(), spec.goalText(), false);
    }

    private static String label(String template, Map<String, String> values) {
        return fill(template, name -> values.getOrDefault(name, "?"));
    }

    private static String fill(String template, Function<String, String> value) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(filled, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(filled);
        return filled.toString();
    }
}
