package dev.jwal.bench;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.LogInspector;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 14, item 2: {@code read(lsn)} of the record in the middle of a full 64 MiB segment (the default segment
 * size), from the page cache, until the cursor returns that record. {@code indexed} seeks with the segment's
 * index ({@code LogInspector}, its index file loaded once and kept); {@code scan} is the same read with
 * {@link LogInspector#withoutIndexes()}, the code path reads took before indexes: the segment read and decoded
 * from its start. {@code indexedNewInspector} opens a new inspector for every read, so it also loads the
 * index file each time (what {@code wal dump --from} pays). The log is written once per trial: a bit more
 * than one segment, so that the first is full and sealed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RandomReadBenchmark {
    @Param({"json-lines", "json-framed", "kryo-framed", "protobuf-framed"})
    public String layout;

    @Param({"128"})
    public int size;

    private Path directory;
    private LogInspector indexed;
    private LogInspector scanning;
    /** The LSN of the record in the middle of the first segment. */
    private long target;

    @Setup(Level.Trial)
    public void writeLog() throws IOException {
        Layout parsed = Layout.parse(layout);
        directory = BenchDirs.fresh("random-read");
        var entries = BenchEntries.pool(size);
        long perSegment = (long) Math.ceil(WalConfig.DEFAULT_SEGMENT_SIZE / RecordBytes.meanSize(parsed, size));
        try (WriteAheadLog log = BenchLogs.open(directory, parsed, SyncPolicy.manual())) {
            for (long i = 0; i < perSegment + perSegment / 10; i++) {
                log.append(entries[(int) (i & BenchEntries.POOL_MASK)]);
            }
        }
        List<Path> segments = segments();
        if (segments.size() < 2 || !Files.exists(segments.get(0).resolveSibling(segments.get(0).getFileName() + ".idx"))) {
            throw new IllegalStateException("expected a full first segment with its index file, found " + segments);
        }
        long secondFirstLsn = Long.parseLong(segments.get(1).getFileName().toString().replace(".wal", ""));
        target = secondFirstLsn / 2;
        indexed = LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> {
            throw new IllegalStateException("the benchmark log is damaged: " + problem);
        });
        scanning = indexed.withoutIndexes();
        LogRecord viaIndex = readTarget(indexed);
        LogRecord viaScan = readTarget(scanning);
        if (!viaIndex.equals(viaScan)) {
            throw new IllegalStateException("the seek read " + viaIndex + " but the scan " + viaScan);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
        }
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        BenchDirs.delete(directory);
    }

    @Benchmark
    public LogRecord indexed() {
        return readTarget(indexed);
    }

    @Benchmark
    public LogRecord scan() {
        return readTarget(scanning);
    }

    @Benchmark
    public LogRecord indexedNewInspector() {
        return readTarget(LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> {
            throw new IllegalStateException("the benchmark log is damaged: " + problem);
        }));
    }

    private LogRecord readTarget(LogInspector inspector) {
        try (RecordCursor cursor = inspector.read(target)) {
            LogRecord record = cursor.next();
            if (record.lsn() != target) {
                throw new IllegalStateException("read LSN " + record.lsn() + " for " + target);
            }
            return record;
        }
    }
}
