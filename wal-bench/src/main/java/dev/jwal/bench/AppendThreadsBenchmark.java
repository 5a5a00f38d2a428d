package dev.jwal.bench;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code every-write} appends to one log from 1, 4, 16 and 64 threads, each waiting for its own entry to
 * be durable: the log's group commit. Scores are appends per second, all threads together; the bar is
 * {@link RawGroupCommitBenchmark} with the same thread count, layout and size (and, for one thread,
 * {@link RawWriteBenchmark#writeForce}). A fresh log per iteration, deleted after it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AppendThreadsBenchmark {

    @Param({"kryo-framed", "json-lines"})
    public String layout;

    @Param({"128"})
    public int size;

    /** Whether framed segments are written through a mapping ({@code WalConfig.Builder.mappedWrites}). */
    @Param({"false"})
    public boolean mapped;

    private WalEntry[] entries;
    private Path directory;
    private WriteAheadLog log;

    /** Each thread walks the entry pool on its own. */
    @State(Scope.Thread)
    public static class Appender {
        private int next;

        WalEntry nextEntry(WalEntry[] entries) {
            return entries[next++ & BenchEntries.POOL_MASK];
        }
    }

    @Setup(Level.Trial)
    public void buildEntries() {
        entries = BenchEntries.pool(size);
    }

    @Setup(Level.Iteration)
    public void openLog() {
        directory = BenchDirs.fresh("append-threads");
        log = BenchLogs.open(directory, Layout.parse(layout), SyncPolicy.everyWrite(),
                WalConfig.DEFAULT_SEGMENT_SIZE, null, mapped);
    }

    @TearDown(Level.Iteration)
    public void deleteLog() {
        WalStats stats = log.stats();
        // Diagnostic, beside the score: how many appends shared one force in this iteration.
        System.out.printf("(appends per force: %.1f)%n",
                stats.appendedSinceOpen() / (double) Math.max(1, stats.syncsSinceOpen()));
        log.close();
        BenchDirs.delete(directory);
    }

    @Benchmark
    @Threads(1)
    public long threads01(Appender appender) {
        return log.append(appender.nextEntry(entries));
    }

    @Benchmark
    @Threads(4)
    public long threads04(Appender appender) {
        return log.append(appender.nextEntry(entries));
    }

    @Benchmark
    @Threads(16)
    public long threads16(Appender appender) {
        return log.append(appender.nextEntry(entries));
    }

    @Benchmark
    @Threads(64)
    public long threads64(Appender appender) {
        return log.append(appender.nextEntry(entries));
    }
}
