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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Does segment preallocation pay on this disk? Raw write + {@code fdatasync} of one record at a time
 * (the every-write pattern), into a file that grows with every write ({@code growing}, what the log
 * does), a file first extended to 64 MiB without writing ({@code sparse}, a hole: the size no longer
 * changes, the blocks are still allocated on write) and a file first filled with 64 MiB of zeros and
 * forced ({@code zeroed}: overwrites in place, what PostgreSQL does with its WAL segments). The
 * preparation runs before each iteration, outside the measurement. A fresh file per iteration; one
 * second of fsyncs stays far below 64 MiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PreallocationBenchmark {
    private static final long PREALLOCATED = 64L * 1024 * 1024;

    @Param({"growing", "sparse", "zeroed"})
    public String file;

    @Param({"kryo-framed"})
    public String layout;

    @Param({"128"})
    public int size;

    private ByteBuffer[] records;
    private Path directory;
    private FileChannel channel;
    private long position;
    private int next;

    @Setup(Level.Trial)
    public void buildRecords() {
        records = RecordBytes.pool(Layout.parse(layout), size);
    }

    @Setup(Level.Iteration)
    public void prepareFile() throws IOException {
        directory = BenchDirs.fresh("preallocation");
        channel = FileChannel.open(directory.resolve("segment.raw"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        position = 0;
        if (file.equals("sparse")) {
            channel.write(ByteBuffer.allocate(1), PREALLOCATED - 1);
            channel.force(true);
        } else if (file.equals("zeroed")) {
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < PREALLOCATED; at += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        } else if (!file.equals("growing")) {
            throw new IllegalArgumentException("file must be growing, sparse or zeroed, was " + file);
        }
    }

    @TearDown(Level.Iteration)
    public void deleteFile() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BenchDirs.delete(directory);
    }

    @Benchmark
    public void writeForce() throws IOException {
        ByteBuffer record = records[next++ & BenchEntries.POOL_MASK];
        record.clear();
        while (record.hasRemaining()) {
            position += channel.write(record, position);
        }
        channel.force(false);
    }
}
