package dev.jwal.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One performance target of {@code targets.json} (a resource beside this class, the one place targets are
 * written down): what is measured, what it is divided by, how the report shows it, and the goal. The file's
 * {@code about} explains each field.
 *
 * @param label    the row's name; {@code {param}} is replaced by the measured result's parameter value
 * @param measured the benchmark (or the {@code wal append} timing) a row reports
 * @param baseline what the row is divided by, measured in the same run, or a constant
 * @param show     the unit, which also says whether lower is better
 * @param goal     the ratio to reach
 * @param goalText how the report says the goal, by default {@code >= GOALx}
 */
record TargetSpec(String label, Measured measured, Baseline baseline, Show show, Double goal, String goalText) {
    /** The data file, a resource in this package. */
    static final String RESOURCE = "targets.json";
    /** {@link Measured#source()} of the {@code wal append} timing ({@code bench/append-cli.sh}). */
    static final String WAL_APPEND = "wal-append";

    TargetSpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(goal, "goal");
        goalText = goalText != null ? goalText : ">= " + BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString() + "x";
    }

    /**
     * What a target measures: {@code methods} of the JMH class {@code benchmark} (their medians added),
     * restricted to results whose parameters take one of the listed values; or {@code source}.
     *
     * @param metric a secondary score to read instead of the primary one
     */
    record Measured(String benchmark, List<String> methods, Map<String, List<String>> params, String metric,
                    String source) {
        Measured {
            methods = methods == null ? List.of() : List.copyOf(methods);
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * The divisor: {@code methods} of {@code benchmark} with the fixed {@code params} plus the measured result's
     * own values of the parameters in {@code same}; or the constant {@code value}, which {@code label} states.
     */
    record Baseline(String benchmark, List<String> methods, Map<String, List<String>> params, List<String> same,
                    String label, Double value) {
        Baseline {
            methods = methods == null ? List.of() : List.copyOf(methods);
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
            same = same == null ? List.of() : List.copyOf(same);
            label = label == null ? "" : label;
        }
    }

    /** How a row's figures are shown, and which way is better. */
    enum Show {
        /** Operations per second. */
        @JsonProperty("ops") OPS,
        /** Operations per second, with the codec's payload size for the row's entries. */
        @JsonProperty("ops-payload") OPS_PAYLOAD,
        /** Megabytes per second of record bytes (docs/FORMAT.md's records for the row's layout and size). */
        @JsonProperty("record-mb") RECORD_MB,
        /** Nanoseconds per operation: lower is better. */
        @JsonProperty("ns") NS,
        /** A secondary score in bytes per second, shown in MB/s. */
        @JsonProperty("mb") MB,
        /** Seconds for the whole {@code wal append} process: lower is better. */
        @JsonProperty("seconds") SECONDS;

        boolean lowerIsBetter() {
            return this == NS || this == SECONDS;
        }
    }

    /** The file's shape: an explanation, then the targets. */
    record File(List<String> about, List<TargetSpec> targets) {
    }

    /** The targets of the resource, in the report's order. */
    static List<TargetSpec> load() {
        try (InputStream in = TargetSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + RESOURCE + " beside " + TargetSpec.class.getName());
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static List<TargetSpec> read(InputStream in) throws IOException {
        return List.copyOf(new ObjectMapper().readValue(in, File.class).targets());
    }
}
