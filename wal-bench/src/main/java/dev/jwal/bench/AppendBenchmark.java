package dev.jwal.bench;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@link WriteAheadLog#append} from one thread, per layout (codec and framing), sync policy and entry
 * size (one vector of 8, 128 or 1536 floats). Scores are appends per second, encoding included.
 * Compared with {@link RawWriteBenchmark#write} ({@code manual}, {@code periodic}) or
 * {@link RawWriteBenchmark#writeForce} ({@code every-write}) on the same record bytes, and, for
 * {@code json-lines}, with {@link NaiveJsonLinesBenchmark}.
 *
 * <p>Each iteration appends to a fresh log, closed (and so forced) and deleted after it, outside the
 * measurement. Should an iteration write more than 2 GiB, the log takes a checkpoint and truncates,
 * inside the measurement, so the disk use stays bounded; with 1 s iterations that never happens.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AppendBenchmark {

    @Param({"json-lines", "json-framed", "kryo-framed", "protobuf-framed"})
    public String layout;

    @Param({"manual", "periodic:100", "every-write"})
    public String sync;

    @Param({"8", "128", "1536"})
    public int size;

    /** Segment size in MiB; 64 is the default. A diagnostic: larger segments mean fewer rotations. */
    @Param({"64"})
    public int segmentMiB;

    /**
     * {@code default} (framed segments preallocated unless the sync is manual, lines segments not, either
     * when mapped), {@code true} or {@code false}.
     */
    @Param({"default"})
    public String preallocate;

    /** Whether segments are written through a mapping ({@code WalConfig.Builder.mappedWrites}). */
    @Param({"false"})
    public boolean mapped;

    private WalEntry[] entries;
    private long appendsPerBudget;
    private Path directory;
    private WriteAheadLog log;
    private int next;
    private long sinceTruncation;

    @Setup(Level.Trial)
    public void buildEntries() {
        entries = BenchEntries.pool(size);
        appendsPerBudget = (long) (RotatingFile.BUDGET / RecordBytes.meanSize(Layout.parse(layout), size));
    }

    @Setup(Level.Iteration)
    public void openLog() {
        directory = BenchDirs.fresh("append");
        log = BenchLogs.open(directory, Layout.parse(layout), SyncPolicy.parse(sync), segmentMiB * 1024L * 1024,
                preallocate.equals("default") ? null : Boolean.valueOf(preallocate), mapped);
        sinceTruncation = 0;
    }

    @TearDown(Level.Iteration)
    public void deleteLog() {
        log.close();
        BenchDirs.delete(directory);
    }

    @Benchmark
    public long append() {
        long lsn = log.append(entries[next++ & BenchEntries.POOL_MASK]);
        if (++sinceTruncation >= appendsPerBudget) {
            log.truncate(log.checkpoint() + 1);
            sinceTruncation = 0;
        }
        return lsn;
    }
}
