package dev.jwal.bench.report;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The results of one run, looked up by benchmark, method and parameters. */
final class Results {
    private final List<JmhResult> all;

    Results(List<JmhResult> all) {
        this.all = List.copyOf(all);
    }

    List<JmhResult> all() {
        return all;
    }

    Stream<JmhResult> of(String benchmark) {
        return all.stream().filter(r -> r.benchmark().equals(benchmark));
    }

    /** The result of {@code benchmark.method} with these parameters (name, value, ...), if it ran. */
    Optional<JmhResult> find(String benchmark, String method, String... nameValues) {
        return all.stream().filter(r -> r.is(benchmark, method, nameValues)).findFirst();
    }

    /** The median score of {@link #find}, or NaN. */
    double median(String benchmark, String method, String... nameValues) {
        return find(benchmark, method, nameValues).map(JmhResult::median).orElse(Double.NaN);
    }
}
