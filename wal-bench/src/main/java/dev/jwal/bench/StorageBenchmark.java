package dev.jwal.bench;

import dev.jwal.api.WalEntry;
import dev.jwal.storage.WalStorage;
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

import java.util.concurrent.TimeUnit;

/**
 * Durable upserts per second through {@link WalStorage} ({@code storageUpsert}) against raw appends of
 * the same entries to a bare log ({@code logAppend}), in the same run, same codec, format and sync
 * policy: the ratio is what the store costs on top of the log (validation, the mutation lock, applying
 * to the in-memory store). One thread; 128-float vectors into a pool of 64 ids, so the store stays small.
 * Automatic checkpoints are off, so snapshots do not enter the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class StorageBenchmark {

    @Param({"every-write", "manual"})
    public String sync;

    private WalEntry.Upsert[] entries;
    private StorageAndLog pair;
    private int next;

    @Setup(Level.Trial)
    public void buildEntries() {
        entries = BenchEntries.pool(128);
    }

    @Setup(Level.Iteration)
    public void open() {
        pair = new StorageAndLog("storage", sync);
    }

    @TearDown(Level.Iteration)
    public void close() {
        pair.close();
    }

    @Benchmark
    public void storageUpsert() {
        pair.upsert(entries[next++ & BenchEntries.POOL_MASK]);
    }

    @Benchmark
    public long logAppend() {
        return pair.append(entries[next++ & BenchEntries.POOL_MASK]);
    }
}
