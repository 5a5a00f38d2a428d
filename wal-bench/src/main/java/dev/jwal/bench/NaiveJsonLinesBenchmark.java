package dev.jwal.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
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

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Baseline: JSON lines written the way the reference writes them. The reference serializes its entry
 * enum with serde ({@code serde_json::to_string}), formats {@code "{lsn}|{json}"} with {@code writeln!}
 * into a {@code BufWriter} and flushes it after every append, without fsync. The Java rendering of that:
 * Jackson databind on serde-shaped records ({@link Entry}), string concatenation, a
 * {@link BufferedWriter} flushed per append. Same entries as {@link AppendBenchmark}, one write system
 * call per append as the log's; a new file every 64 MiB, a fresh directory per iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NaiveJsonLinesBenchmark {
    private static final long FILE_SIZE = 64L * 1024 * 1024;

    @Param({"8", "128", "1536"})
    public int size;

    private final ObjectMapper mapper = new ObjectMapper();
    private Entry[] entries;
    private Path directory;
    private BufferedWriter writer;
    private long fileChars;
    private int files;
    private long lsn;

    /** serde's externally tagged {@code Upsert} variant. */
    public record Entry(@JsonProperty("Upsert") Upsert upsert) {
    }

    /** The reference's {@code Upsert} fields, in its order. */
    public record Upsert(String namespace, List<Vector> vectors) {
    }

    /** The reference's {@code SerializedVector}: id, values, metadata (null when absent). */
    public record Vector(String id, float[] values, String metadata) {
    }

    @Setup(Level.Trial)
    public void buildEntries() {
        WalEntry.Upsert[] pool = BenchEntries.pool(size);
        entries = new Entry[pool.length];
        for (int i = 0; i < pool.length; i++) {
            List<Vector> vectors = new ArrayList<>();
            for (SerializedVector vector : pool[i].vectors()) {
                vectors.add(new Vector(vector.id(), vector.values(), vector.metadata()));
            }
            entries[i] = new Entry(new Upsert(pool[i].namespace(), vectors));
        }
    }

    @Setup(Level.Iteration)
    public void openFile() throws IOException {
        directory = BenchDirs.fresh("naive-json-lines");
        files = 0;
        openNext();
    }

    @TearDown(Level.Iteration)
    public void deleteFile() throws IOException {
        writer.close();
        BenchDirs.delete(directory);
    }

    @Benchmark
    public void append() throws IOException {
        String json = toJson(entries[(int) lsn & BenchEntries.POOL_MASK]);
        String line = lsn + "|" + json + "\n";
        writer.write(line);
        writer.flush();
        lsn++;
        fileChars += line.length();
        if (fileChars >= FILE_SIZE) {
            writer.close();
            openNext();
        }
    }

    private String toJson(Entry entry) {
        try {
            return mapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void openNext() throws IOException {
        // Earlier files are kept until the iteration ends, as the log keeps its segments; 2 GiB at most.
        int oldest = files + 1 - (int) (RotatingFile.BUDGET / FILE_SIZE);
        if (oldest >= 1) {
            Files.deleteIfExists(directory.resolve(String.format("%08d.log", oldest)));
        }
        files++;
        fileChars = 0;
        writer = Files.newBufferedWriter(directory.resolve(String.format("%08d.log", files)), StandardCharsets.UTF_8);
    }
}
