package dev.jwal.codec.kryo;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.codec.tck.SampleValues;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Kryo instances are pooled: shared safely by many threads, reused, and kept small. */
class KryoPoolingTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 2_000;

    @Test
    void eightThreadsEncodeAndDecodeConcurrentlyWithoutMixingEntries() throws Exception {
        KryoEntryCodec codec = new KryoEntryCodec();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await(1, TimeUnit.MINUTES);
                    int checked = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        // Every thread writes its own, distinct entries: a shared buffer would mix them up.
                        WalEntry entry = entryFor(thread, round);
                        byte[] payload = codec.encode(entry);
                        assertThat(codec.decode(payload, 0, payload.length)).isEqualTo(entry);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(ROUNDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // At most one Kryo per thread at a time, all back in the pool at the end.
        assertThat(codec.sessionsCreated()).isBetween(1, THREADS);
        assertThat(codec.sessionsFree()).isEqualTo(codec.sessionsCreated());
    }

    @Test
    void oneThreadReusesOneKryo() {
        KryoEntryCodec codec = new KryoEntryCodec();
        for (int i = 0; i < 100; i++) {
            byte[] payload = codec.encode(new WalEntry.TxnBegin(i));
            codec.decode(payload, 0, payload.length);
        }
        assertThat(codec.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void aFailedDecodeLeavesThePooledKryoUsable() {
        KryoEntryCodec codec = new KryoEntryCodec();
        byte[] payload = codec.encode(new WalEntry.CreateNamespace("docs"));
        for (int length = 0; length < payload.length; length++) {
            try {
                codec.decode(payload, 0, length);
            } catch (dev.jwal.api.error.CodecException expected) {
                // The truncated payload is refused.
            }
        }
        assertThat(codec.decode(payload, 0, payload.length)).isEqualTo(new WalEntry.CreateNamespace("docs"));
        assertThat(codec.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void aSessionDropsAnOversizedBufferWhenReturned() {
        KryoSession session = new KryoSession();
        EntryKryo.write(session.kryo, session.output, new WalEntry.Upsert("big", List.of(
                new SerializedVector("v", new float[KryoSession.MAX_RETAINED_BUFFER / 2], null))));
        assertThat(session.output.getBuffer().length).isGreaterThan(KryoSession.MAX_RETAINED_BUFFER);
        session.reset();
        assertThat(session.output.getBuffer().length).isEqualTo(KryoSession.INITIAL_BUFFER);
        assertThat(session.output.position()).isZero();
    }

    @Test
    void aSessionLetsGoOfThePayloadAndALongStringsBufferWhenReturned() {
        KryoSession session = new KryoSession();
        String longText = "m".repeat(EntryInput.MAX_RETAINED_CHARS * 2) + "\u00e9"; // non-ASCII: read through the char buffer
        WalEntry entry = new WalEntry.Upsert("ns", List.of(new SerializedVector("v", new float[] {1f}, longText)));
        EntryKryo.write(session.kryo, session.output, entry);
        byte[] payload = session.output.toBytes();
        session.reset();
        assertThat(EntryKryo.read(session.kryo, session.input.over(payload, 0, payload.length))).isEqualTo(entry);
        assertThat(session.input.retainedChars()).isGreaterThan(EntryInput.MAX_RETAINED_CHARS);
        session.reset();
        assertThat(session.input.retainedChars()).isEqualTo(EntryInput.INITIAL_CHARS);
        assertThat(session.input.getBuffer()).as("the payload is not kept").isEmpty();
    }

    private static WalEntry entryFor(int thread, int round) {
        switch (round % 4) {
            case 0:
                return new WalEntry.Upsert("ns-" + thread, List.of(
                        new SerializedVector("t" + thread + "-r" + round, SampleValues.largeVectorValues(), round % 8 == 0 ? null : "m" + round)));
            case 1:
                return new WalEntry.Delete("ns-" + thread, List.of("a" + round, "b" + thread));
            case 2:
                return new WalEntry.TxnBegin(((long) thread << 32) | round);
            default:
                return new WalEntry.CreateNamespace("thread " + thread + " round " + round + " \u65E5\u672C");
        }
    }
}
