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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Durable upserts through one {@link WalStorage} from 16 threads ({@code storageUpsert}) against every-write
 * appends of the same entries from 16 threads to a bare log ({@code logAppend}, the log's own group commit),
 * in the same run: whether concurrent storage writers share their forces as the log's appenders do. Kryo
 * framed, 128-float vectors into a pool of 64 ids in one namespace; automatic checkpoints off. A fresh
 * storage and log per iteration, deleted after it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(16)
public class StorageThreadsBenchmark {

    @Param({"every-write"})
    public String sync;

    private WalEntry.Upsert[] entries;
    private StorageAndLog pair;

    /** Each thread walks the entry pool on its own. */
    @State(Scope.Thread)
    public static class Writer {
        private int next;

        WalEntry.Upsert nextEntry(WalEntry.Upsert[] entries) {
            return entries[next++ & BenchEntries.POOL_MASK];
        }
    }

    @Setup(Level.Trial)
    public void buildEntries() {
        entries = BenchEntries.pool(128);
    }

    @Setup(Level.Iteration)
    public void open() {
        pair = new StorageAndLog("storage-threads", sync);
    }

    @TearDown(Level.Iteration)
    public void close() {
        // Diagnostic, beside the score: entries per force (only the benchmark that ran writes to its side).
        System.out.printf("(entries per force: %s)%n", pair.entriesPerForce());
        pair.close();
    }

    @Benchmark
    public void storageUpsert(Writer writer) {
        pair.upsert(writer.nextEntry(entries));
    }

    @Benchmark
    public long logAppend(Writer writer) {
        return pair.append(writer.nextEntry(entries));
    }
}
