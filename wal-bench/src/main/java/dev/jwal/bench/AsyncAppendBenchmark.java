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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link WriteAheadLog#appendAsync} from one thread that submits without waiting for the futures, under
 * {@code every-write}: a background force completes them. The default entry, 20 floats, is a payload of
 * about 100 bytes in kryo. The bar is {@link AppendBenchmark} with {@code manual} sync on the same layout
 * and size. The iteration's last future is awaited before the log closes, outside the measurement, so
 * an iteration never counts entries whose force failed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AsyncAppendBenchmark {

    @Param({"kryo-framed", "json-lines"})
    public String layout;

    @Param({"every-write"})
    public String sync;

    @Param({"20"})
    public int size;

    private WalEntry[] entries;
    private long appendsPerBudget;
    private Path directory;
    private WriteAheadLog log;
    private CompletableFuture<Long> last;
    private int next;
    private long sinceTruncation;

    @Setup(Level.Trial)
    public void buildEntries() {
        entries = BenchEntries.pool(size);
        appendsPerBudget = (long) (RotatingFile.BUDGET / RecordBytes.meanSize(Layout.parse(layout), size));
    }

    @Setup(Level.Iteration)
    public void openLog() {
        directory = BenchDirs.fresh("append-async");
        log = BenchLogs.open(directory, Layout.parse(layout), SyncPolicy.parse(sync));
        sinceTruncation = 0;
    }

    @TearDown(Level.Iteration)
    public void deleteLog() {
        if (last != null) {
            last.join();
        }
        log.close();
        BenchDirs.delete(directory);
    }

    @Benchmark
    public CompletableFuture<Long> appendAsync() {
        last = log.appendAsync(entries[next++ & BenchEntries.POOL_MASK]);
        if (++sinceTruncation >= appendsPerBudget) {
            log.truncate(log.checkpoint() + 1);
            sinceTruncation = 0;
        }
        return last;
    }
}
