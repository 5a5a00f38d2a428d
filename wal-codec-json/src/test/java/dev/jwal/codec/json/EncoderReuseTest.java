package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each thread reuses its generator and buffers, and every payload still stands alone. */
class EncoderReuseTest {
    private static final JsonEntryCodec CODEC = new JsonEntryCodec();

    private static WalEntry upsert(String id, int dimension) {
        float[] values = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            values[i] = i * 0.25f - 3f;
        }
        return new WalEntry.Upsert("n", List.of(new SerializedVector(id, values, null)));
    }

    @Test
    void consecutivePayloadsHoldOnlyTheirOwnEntry() {
        WalEntry first = new WalEntry.TxnBegin(7);
        WalEntry second = upsert("v", 3);
        assertThat(new String(CODEC.encode(first), StandardCharsets.UTF_8)).isEqualTo("{\"TxnBegin\":{\"txn_id\":7}}");
        assertThat(new String(CODEC.encode(second), StandardCharsets.UTF_8))
                .isEqualTo("{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[-3.0,-2.75,-2.5],"
                        + "\"metadata\":null}]}}");
        assertThat(new String(CODEC.encode(first), StandardCharsets.UTF_8)).isEqualTo("{\"TxnBegin\":{\"txn_id\":7}}");
    }

    @Test
    void aLargeEntryThenASmallOneEncodeAsOnTheirOwn() {
        WalEntry large = upsert("big", 100_000);
        WalEntry small = upsert("small", 2);
        byte[] smallAlone = CODEC.encode(small);
        byte[] largeBytes = CODEC.encode(large);
        assertThat(CODEC.decode(largeBytes, 0, largeBytes.length)).isEqualTo(large);
        assertThat(CODEC.encode(small)).isEqualTo(smallAlone);
    }

    @Test
    void aRefusedEntryLeavesNothingBehindForTheNext() {
        WalEntry good = upsert("v", 4);
        byte[] before = CODEC.encode(good);
        WalEntry nan = new WalEntry.Upsert("n", List.of(SerializedVector.of("bad", 1f, Float.NaN)));
        assertThatThrownBy(() -> CODEC.encode(nan)).isInstanceOf(EntryRejectedException.class);
        assertThat(CODEC.encode(good)).isEqualTo(before);
    }

    @Test
    void threadsEncodingAtOnceGetTheSameBytes() throws Exception {
        List<WalEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(upsert("v" + i, i % 40));
        }
        List<byte[]> expected = new ArrayList<>();
        for (WalEntry entry : entries) {
            expected.add(CODEC.encode(entry));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < entries.size(); i++) {
                            if (!java.util.Arrays.equals(CODEC.encode(entries.get(i)), expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
