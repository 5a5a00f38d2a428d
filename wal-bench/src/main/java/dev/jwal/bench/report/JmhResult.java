package dev.jwal.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwal.bench.Layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One result of a JMH JSON file: the benchmark, its parameters and thread count, and the median of its
 * measurement iterations (JMH's 50th percentile), for the primary score and each secondary one.
 *
 * @param benchmark  the class's simple name, e.g. {@code AppendBenchmark}
 * @param method     the benchmark method, e.g. {@code append}
 * @param params     the parameters
 * @param threads    benchmark threads
 * @param median     the primary score's median
 * @param min        the lowest iteration score
 * @param max        the highest iteration score
 * @param unit       the primary score's unit, e.g. {@code ops/s}
 * @param secondary  the medians of secondary scores (JMH AuxCounters) by name
 */
record JmhResult(String benchmark, String method, Map<String, String> params, int threads, double median,
                 double min, double max, String unit, Map<String, Double> secondary) {

    /** The JVM, JMH and run settings of the file's first result, for the report's header. */
    record RunInfo(String jmhVersion, String jdkVersion, String vmName, String vmVersion, String settings) {
    }

    static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode node : root) {
            String full = node.path("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String className = full.substring(0, dot);
            Map<String, String> params = new LinkedHashMap<>();
            node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode primary = node.path("primaryMetric");
            Map<String, Double> secondary = new LinkedHashMap<>();
            node.path("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(), median(e.getValue())));
            double[] range = range(primary);
            results.add(new JmhResult(className.substring(className.lastIndexOf('.') + 1), full.substring(dot + 1),
                    Collections.unmodifiableMap(params), node.path("threads").asInt(1), median(primary), range[0],
                    range[1], primary.path("scoreUnit").asText(), Collections.unmodifiableMap(secondary)));
        }
        return results;
    }

    static RunInfo runInfo(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode first = root.path(0);
        int forks = first.path("forks").asInt(0);
        String settings = forks + (forks == 1 ? " fork, " : " forks, ") + first.path("warmupIterations").asInt(0)
                + " x " + first.path("warmupTime").asText("?") + " warm-up, "
                + first.path("measurementIterations").asInt(0) + " x " + first.path("measurementTime").asText("?")
                + " measurement";
        return new RunInfo(first.path("jmhVersion").asText("?"), first.path("jdkVersion").asText("?"),
                first.path("vmName").asText("?"), first.path("vmVersion").asText("?"), settings);
    }

    private static double median(JsonNode metric) {
        JsonNode p50 = metric.path("scorePercentiles").path("50.0");
        return p50.isNumber() ? p50.asDouble() : metric.path("score").asDouble(Double.NaN);
    }

    private static double[] range(JsonNode metric) {
        JsonNode percentiles = metric.path("scorePercentiles");
        return new double[]{percentiles.path("0.0").asDouble(Double.NaN), percentiles.path("100.0").asDouble(Double.NaN)};
    }

    /** By layout (in {@link Layout#ALL}'s order), then by size. */
    static Comparator<JmhResult> byLayoutAndSize() {
        return Comparator.comparingInt((JmhResult r) -> layoutOrder(r.param("layout")))
                .thenComparingInt(r -> r.param("size").isEmpty() ? 0 : Integer.parseInt(r.param("size")));
    }

    /** By sync policy (manual, periodic, interval, every-write), then layout and size. */
    static Comparator<JmhResult> bySyncLayoutAndSize() {
        return Comparator.comparingInt((JmhResult r) -> syncOrder(r.param("sync"))).thenComparing(byLayoutAndSize());
    }

    private static int layoutOrder(String layout) {
        int index = List.of(Layout.ALL).indexOf(layout);
        return index < 0 ? 99 : index;
    }

    private static int syncOrder(String sync) {
        return sync.equals("manual") ? 0 : sync.startsWith("periodic") ? 1 : sync.startsWith("interval") ? 2 : 3;
    }

    /** The parameters as name, value, name, value..., as {@link Results#find} takes them. */
    String[] paramPairs() {
        return params.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Whether this is {@code benchmark.method} with every given parameter (name, value, name, value...). */
    boolean is(String benchmark, String method, String... nameValues) {
        if (!this.benchmark.equals(benchmark) || !this.method.equals(method)) {
            return false;
        }
        for (int i = 0; i < nameValues.length; i += 2) {
            if (!nameValues[i + 1].equals(params.get(nameValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
