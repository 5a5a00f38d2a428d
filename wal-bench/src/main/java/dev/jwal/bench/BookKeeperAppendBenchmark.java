package dev.jwal.bench;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.bookkeeper.BookKeeperWal;
import dev.jwal.bookkeeper.BookKeeperWalConfig;
import dev.jwal.bookkeeper.sandbox.LocalCluster;
import dev.jwal.core.FramedRecords;
import org.apache.bookkeeper.client.api.BookKeeper;
import org.apache.bookkeeper.client.api.DigestType;
import org.apache.bookkeeper.client.api.WriteHandle;
import org.apache.bookkeeper.conf.ClientConfiguration;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link BookKeeperWal} against the raw BookKeeper client appending the same bytes, on an in-process cluster of
 * three bookies (journals fsynced, under the bench directory) started in each fork: {@code walSync} /
 * {@code rawSync} wait for each append's ack quorum (ensemble 3, write quorum 3, ack quorum 2 both), {@code walAsync}
 * / {@code rawAsync} keep a window of {@code window} appends in flight. The raw client writes, per append, the
 * framed kryo record the log writes for the same entry (one record per entry, as the log does for
 * {@code append}), from a pool encoded up front; the log encodes each entry as it goes. Both clients are set up
 * alike: CRC32C digest, no add throttle, explicit LAC every second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "-Djava.net.preferIPv4Stack=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class BookKeeperAppendBenchmark {
    private static final byte[] PASSWORD = "bench".getBytes(StandardCharsets.US_ASCII);

    @Param({"20"})
    public int size;

    @Param({"64"})
    public int window;

    private Path directory;
    private LocalCluster cluster;
    private BookKeeperWal log;
    private BookKeeper client;
    private WriteHandle ledger;
    private WalEntry[] entries;
    private byte[][] records;
    private final ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
    private int next;

    @Setup(Level.Trial)
    public void startCluster() throws Exception {
        directory = BenchDirs.fresh("bookkeeper");
        cluster = LocalCluster.start(directory, 0, 3);
        entries = BenchEntries.pool(size);
        BookKeeperWalConfig config = BookKeeperWalConfig.builder(cluster.zooKeeperConnect(), "bench")
                .codec("kryo").build();
        log = BookKeeperWal.open(config);
        FramedRecords framing = new FramedRecords(Codecs.byName("kryo"), config.maxEntryBytes());
        records = new byte[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            records[i] = FramedRecords.encode(i, List.of(framing.payload(entries[i])));
        }
        ClientConfiguration conf = new ClientConfiguration()
                .setThrottleValue(0)
                .setExplictLacInterval(1000)
                .setAddEntryTimeout(30)
                .setReadEntryTimeout(30);
        conf.setMetadataServiceUri(config.metadataServiceUri());
        client = BookKeeper.newBuilder(conf).build();
        ledger = client.newCreateLedgerOp().withEnsembleSize(3).withWriteQuorumSize(3).withAckQuorumSize(2)
                .withDigestType(DigestType.CRC32C).withPassword(PASSWORD).execute().get();
    }

    @TearDown(Level.Iteration)
    public void drainWindow() {
        while (!inFlight.isEmpty()) {
            inFlight.poll().join();
        }
    }

    @TearDown(Level.Trial)
    public void stopCluster() throws Exception {
        log.close();
        ledger.close();
        client.close();
        cluster.close();
        BenchDirs.delete(directory);
    }

    @Benchmark
    public long walSync() {
        return log.append(entries[next++ & BenchEntries.POOL_MASK]);
    }

    @Benchmark
    public long rawSync() throws Exception {
        return ledger.append(records[next++ & BenchEntries.POOL_MASK]);
    }

    @Benchmark
    public void walAsync() {
        keepWindow(log.appendAsync(entries[next++ & BenchEntries.POOL_MASK]));
    }

    @Benchmark
    public void rawAsync() {
        keepWindow(ledger.appendAsync(records[next++ & BenchEntries.POOL_MASK]));
    }

    /** Adds an append to the window; once it is full, waits for the oldest. */
    private void keepWindow(CompletableFuture<?> append) {
        inFlight.add(append);
        if (inFlight.size() >= window) {
            inFlight.poll().join();
        }
    }
}
