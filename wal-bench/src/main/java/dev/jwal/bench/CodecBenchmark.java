package dev.jwal.bench;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Encoding and decoding one entry, in nanoseconds, per codec and entry size. The payload size of each
 * codec and size (bytes per entry) is deterministic, so the report computes it from the same entries
 * instead of measuring it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CodecBenchmark {

    @Param({"json", "kryo", "protobuf"})
    public String codec;

    @Param({"8", "128", "1536"})
    public int size;

    private EntryCodec entryCodec;
    private WalEntry[] entries;
    private byte[][] payloads;
    private int next;

    @Setup(Level.Trial)
    public void encodeEntries() {
        entryCodec = Codecs.byName(codec);
        entries = BenchEntries.pool(size);
        payloads = new byte[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            payloads[i] = entryCodec.encode(entries[i]);
            if (!entryCodec.decode(payloads[i], 0, payloads[i].length).equals(entries[i])) {
                throw new IllegalStateException(codec + " does not read back entry " + i);
            }
        }
    }

    @Benchmark
    public byte[] encode() {
        return entryCodec.encode(entries[next++ & BenchEntries.POOL_MASK]);
    }

    @Benchmark
    public WalEntry decode() {
        byte[] payload = payloads[next++ & BenchEntries.POOL_MASK];
        return entryCodec.decode(payload, 0, payload.length);
    }
}
