package dev.jwal.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Baseline: a bare single-writer group commit ({@link GroupCommitter}) of the record bytes the log writes
 * for {@code layout} and {@code size}, from 1, 4, 16 and 64 threads, each waiting for its record to be
 * forced. The bar for {@link AppendThreadsBenchmark}. Scores are records committed per second, all
 * threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RawGroupCommitBenchmark {

    @Param({"kryo-framed", "json-lines"})
    public String layout;

    @Param({"128"})
    public int size;

    private ByteBuffer[] records;
    private GroupCommitter committer;

    /** Each thread's own views of the records: a buffer's position belongs to one writer at a time. */
    @State(Scope.Thread)
    public static class Submitter {
        private ByteBuffer[] records;
        private int next;

        @Setup(Level.Trial)
        public void copyRecords(RawGroupCommitBenchmark shared) {
            records = new ByteBuffer[shared.records.length];
            for (int i = 0; i < records.length; i++) {
                records[i] = shared.records[i].duplicate();
            }
        }

        ByteBuffer nextRecord() {
            ByteBuffer record = records[next++ & BenchEntries.POOL_MASK];
            record.clear();
            return record;
        }
    }

    @Setup(Level.Trial)
    public void buildRecords() {
        records = RecordBytes.pool(Layout.parse(layout), size);
    }

    @Setup(Level.Iteration)
    public void start() {
        committer = new GroupCommitter(new RotatingFile(BenchDirs.fresh("raw-group-commit")));
    }

    @TearDown(Level.Iteration)
    public void stop() {
        // Diagnostic, beside the score: how many records shared one force in this iteration.
        System.out.printf("(records per force: %.1f)%n", committer.recordsPerForce());
        committer.close();
    }

    @Benchmark
    @Threads(1)
    public void threads01(Submitter submitter) {
        committer.commit(submitter.nextRecord());
    }

    @Benchmark
    @Threads(4)
    public void threads04(Submitter submitter) {
        committer.commit(submitter.nextRecord());
    }

    @Benchmark
    @Threads(16)
    public void threads16(Submitter submitter) {
        committer.commit(submitter.nextRecord());
    }

    @Benchmark
    @Threads(64)
    public void threads64(Submitter submitter) {
        committer.commit(submitter.nextRecord());
    }
}
