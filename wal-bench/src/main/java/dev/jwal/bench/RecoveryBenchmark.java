package dev.jwal.bench;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.core.LogInspector;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reading a whole log back, from the page cache: a log of about {@value #LOG_MIB} MiB per layout, written
 * once per trial (and read once, so its pages are cached): a checkpoint at LSN 0, then the entries. Read
 * with {@link LogInspector#read(long)} (every record, decoded and checked) and
 * {@link LogInspector#recover()} (what recovery replays: every entry after the checkpoint, no
 * transactions here). The primary score is whole-log reads per second;
 * the secondary scores {@code bytes} and {@code entries} are segment bytes and entries per second
 * (the report turns bytes into MB/s, 10^6 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RecoveryBenchmark {
    static final int LOG_MIB = 96;

    @Param({"json-lines", "json-framed", "kryo-framed", "protobuf-framed"})
    public String layout;

    @Param({"128"})
    public int size;

    private Path directory;
    private long logBytes;

    /** Bytes and entries read, which JMH reports per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public long bytes;
        public long entries;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            entries = 0;
        }
    }

    @Setup(Level.Trial)
    public void writeLog() {
        Layout parsed = Layout.parse(layout);
        directory = BenchDirs.fresh("recovery");
        var entries = BenchEntries.pool(size);
        long count = (long) Math.ceil(LOG_MIB * 1024.0 * 1024.0 / RecordBytes.meanSize(parsed, size));
        try (WriteAheadLog log = BenchLogs.open(directory, parsed, SyncPolicy.manual())) {
            // A checkpoint file, as a log that has ever checkpointed has: without one, recovery would first
            // read the whole log looking for the last Checkpoint record (the reference's rule).
            log.checkpoint();
            for (long i = 0; i < count; i++) {
                log.append(entries[(int) (i & BenchEntries.POOL_MASK)]);
            }
        }
        logBytes = BenchDirs.size(directory);
        long recovered = readAll(LogInspector::recover, null);
        if (recovered != count) {
            throw new IllegalStateException("wrote " + count + " entries but recovery replays " + recovered);
        }
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        BenchDirs.delete(directory);
    }

    @Benchmark
    public long read(Volume volume, Blackhole sink) {
        return count(volume, readAll(inspector -> inspector.read(0), sink));
    }

    @Benchmark
    public long recover(Volume volume, Blackhole sink) {
        return count(volume, readAll(LogInspector::recover, sink));
    }

    private long count(Volume volume, long entries) {
        volume.entries += entries;
        volume.bytes += logBytes;
        return entries;
    }

    private long readAll(Function<LogInspector, RecordCursor> how, Blackhole sink) {
        LogInspector inspector = LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> {
            throw new IllegalStateException("the benchmark log is damaged: " + problem);
        });
        long entries = 0;
        try (RecordCursor cursor = how.apply(inspector)) {
            while (cursor.hasNext()) {
                LogRecord record = cursor.next();
                if (sink != null) {
                    sink.consume(record);
                }
                entries++;
            }
        }
        return entries;
    }
}
