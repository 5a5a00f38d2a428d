package dev.jwal.bench.report;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results of one run, looked up by benchmark, method and parameters. Runs profiled for allocation
 * (JMH's GC profiler) are kept apart: the profiler costs time, so their scores are not mixed with the
 * timed ones.
 */
final class Results {
    /** The GC profiler's bytes allocated per operation. */
    static final String ALLOCATED_PER_OP = "gc.alloc.rate.norm";

    private final List<JmhResult> timed;
    private final List<JmhResult> allocation;

    Results(List<JmhResult> all) {
        this.timed = all.stream().filter(r -> !r.secondary().containsKey(ALLOCATED_PER_OP)).toList();
        this.allocation = all.stream().filter(r -> r.secondary().containsKey(ALLOCATED_PER_OP)).toList();
    }

    Stream<JmhResult> of(String benchmark) {
        return timed.stream().filter(r -> r.benchmark().equals(benchmark));
    }

    /** The result of {@code benchmark.method} with these parameters (name, value, ...), if it ran. */
    Optional<JmhResult> find(String benchmark, String method, String... nameValues) {
        return timed.stream().filter(r -> r.is(benchmark, method, nameValues)).findFirst();
    }

    /** The median score of {@link #find}, or NaN. */
    double median(String benchmark, String method, String... nameValues) {
        return find(benchmark, method, nameValues).map(JmhResult::median).orElse(Double.NaN);
    }

    /** Median bytes allocated per operation of the allocation-profiled {@code benchmark.method}, or NaN. */
    double allocatedPerOp(String benchmark, String method, String... nameValues) {
        return allocation.stream().filter(r -> r.is(benchmark, method, nameValues)).findFirst()
                .map(r -> r.secondary().get(ALLOCATED_PER_OP)).orElse(Double.NaN);
    }

    /** The allocation-profiled results of {@code benchmark}. */
    Stream<JmhResult> allocationOf(String benchmark) {
        return allocation.stream().filter(r -> r.benchmark().equals(benchmark));
    }
}
