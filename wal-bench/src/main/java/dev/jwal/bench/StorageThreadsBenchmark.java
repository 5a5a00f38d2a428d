package dev.jwal.bench;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import dev.jwal.storage.StorageConfig;
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

import java.nio.file.Path;
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
    private Path directory;
    private WalStorage storage;
    private WriteAheadLog log;

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
        directory = BenchDirs.fresh("storage-threads");
        storage = WalStorage.open(StorageConfig.builder(config(directory.resolve("storage"))).autoCheckpoint(false)
                .build());
        storage.createNamespace(BenchEntries.NAMESPACE);
        log = Wal.open(config(directory.resolve("log")));
    }

    private WalConfig config(Path dir) {
        return WalConfig.builder(dir).codec("kryo").format(SegmentFormat.FRAMED).syncPolicy(SyncPolicy.parse(sync))
                .build();
    }

    @TearDown(Level.Iteration)
    public void close() {
        storage.close();
        log.close();
        BenchDirs.delete(directory);
    }

    @Benchmark
    public void storageUpsert(Writer writer) {
        WalEntry.Upsert entry = writer.nextEntry(entries);
        storage.upsert(entry.namespace(), entry.vectors().toArray(new SerializedVector[0]));
    }

    @Benchmark
    public long logAppend(Writer writer) {
        return log.append(writer.nextEntry(entries));
    }
}
