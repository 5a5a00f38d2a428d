package dev.jwal.bench.report;

import dev.jwal.bench.AppendBenchmark;
import dev.jwal.bench.AppendThreadsBenchmark;
import dev.jwal.bench.CodecBenchmark;
import dev.jwal.bench.NaiveJsonLinesBenchmark;
import dev.jwal.bench.PreallocationBenchmark;
import dev.jwal.bench.RawGroupCommitBenchmark;
import dev.jwal.bench.RawWriteBenchmark;
import dev.jwal.bench.RecoveryBenchmark;
import dev.jwal.bench.StorageBenchmark;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results of one run, looked up by benchmark, method and parameters. Runs profiled for allocation
 * (JMH's GC profiler) are kept apart: the profiler costs time, so their scores are not mixed with the
 * timed ones.
 */
final class Results {
    static final String APPEND = AppendBenchmark.class.getSimpleName();
    static final String THREADS = AppendThreadsBenchmark.class.getSimpleName();
    static final String RAW = RawWriteBenchmark.class.getSimpleName();
    static final String GROUP = RawGroupCommitBenchmark.class.getSimpleName();
    static final String NAIVE = NaiveJsonLinesBenchmark.class.getSimpleName();
    static final String CODEC = CodecBenchmark.class.getSimpleName();
    static final String RECOVERY = RecoveryBenchmark.class.getSimpleName();
    static final String PREALLOCATION = PreallocationBenchmark.class.getSimpleName();
    static final String STORAGE = StorageBenchmark.class.getSimpleName();

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

    /** The appends to default logs: not the ones run with preallocation turned off to measure it. */
    Stream<JmhResult> appends() {
        return of(APPEND).filter(r -> !r.param("preallocate").equals("false"));
    }

    /** The raw FileChannel loop an append is divided by: with a force per record under every-write. */
    double rawBaseline(JmhResult append) {
        return median(RAW, append.param("sync").equals("every-write") ? "writeForce" : "write",
                "layout", append.param("layout"), "size", append.param("size"));
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
