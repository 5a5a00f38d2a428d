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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Baseline: the raw disk. A bare {@link java.nio.channels.FileChannel} loop writing the very record
 * bytes the log writes for {@code layout} and {@code size} (one write per record), without force
 * ({@link #write}, what {@code manual} and {@code periodic} appends are compared with), with each 64 MiB
 * file forced before the next starts ({@link #writeForcedAtRotation}: the least a log that keeps a segment
 * durable before the next takes records must do, so the rate at which the disk takes the bytes in as well)
 * and with an {@code fdatasync} after every record ({@link #writeForce}, the bar for {@code every-write}
 * from one thread). A fresh directory per iteration; files rotate at 64 MiB like segments.
 *
 * <p>{@link #write} measures the page cache alone: within an iteration its bytes stay dirty in memory and
 * are deleted before the kernel writes them back (a 5-iteration run of 1536-float records wrote no bytes
 * to the disk in {@code /sys/block/.../stat}), while the log under {@code manual} sync writes every byte
 * it appends to the disk as it goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RawWriteBenchmark {

    @Param({"json-lines", "json-framed", "kryo-framed", "protobuf-framed"})
    public String layout;

    @Param({"8", "128", "1536"})
    public int size;

    private ByteBuffer[] records;
    private RotatingFile file;
    private int next;

    @Setup(Level.Trial)
    public void buildRecords() {
        records = RecordBytes.pool(Layout.parse(layout), size);
    }

    @Setup(Level.Iteration)
    public void openFile(BenchmarkParams params) {
        file = new RotatingFile(BenchDirs.fresh("raw-write"), params.getBenchmark().endsWith(".writeForcedAtRotation"));
    }

    @TearDown(Level.Iteration)
    public void deleteFile() {
        file.close();
    }

    @Benchmark
    public void write() throws IOException {
        file.write(nextRecord());
    }

    @Benchmark
    public void writeForcedAtRotation() throws IOException {
        file.write(nextRecord());
    }

    @Benchmark
    public void writeForce() throws IOException {
        file.write(nextRecord());
        file.force();
    }

    private ByteBuffer nextRecord() {
        ByteBuffer record = records[next++ & BenchEntries.POOL_MASK];
        record.clear();
        return record;
    }
}
