package dev.jwal.codec.tck;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The encoding checks of {@link EntryCodecContract}: the same entry always gives the same bytes (also from two
 * threads at once, and from a second codec instance), every encode returns a fresh array, payloads decode at any
 * offset of a larger array into entries that hold copies, and single-line text codecs write no line break.
 */
abstract class EncodingChecks extends RoundTripChecks {
    EncodingChecks() {
    }

    // ---------------------------------------------------------- determinism

    @Test
    public void encodesTheSameEntryToTheSameBytesEveryTime() {
        EntryCodec other = Codecs.byName(codecName());
        for (WalEntry entry : SampleEntries.all()) {
            byte[] first = encode(entry);
            byte[] second = encode(entry);
            assertThat(second).as("second encoding of %s", describe(entry)).isEqualTo(first);
            assertThat(other.encode(entry)).as("encoding of %s by a second codec instance", describe(entry)).isEqualTo(first);
        }
    }

    @Test
    public void encodesTheSameBytesFromTwoThreadsAtOnce() throws Exception {
        List<WalEntry> entries = SampleEntries.all();
        List<byte[]> expected = entries.stream().map(this::encode).collect(Collectors.toList());
        EntryCodec shared = codec();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    start.await();
                    List<String> problems = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        for (int k = 0; k < entries.size(); k++) {
                            // The two threads walk the list from different ends, so different entries overlap.
                            int i = offset == 0 ? k : entries.size() - 1 - k;
                            byte[] payload = shared.encode(entries.get(i));
                            if (!Arrays.equals(payload, expected.get(i))) {
                                problems.add("encoding " + describe(entries.get(i)) + " gave other bytes on a second thread");
                            } else if (!entries.get(i).equals(shared.decode(payload, 0, payload.length))) {
                                problems.add("decoding " + describe(entries.get(i)) + " on a second thread gave another entry");
                            }
                        }
                    }
                    return problems;
                }));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).as("problems seen by a thread").isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    public void returnsAFreshArrayFromEveryEncode() {
        WalEntry entry = SampleEntries.upsert();
        byte[] first = encode(entry);
        byte[] copy = first.clone();
        Arrays.fill(first, (byte) 0x55);
        byte[] second = encode(entry);
        assertThat(second).as("encoding after the caller overwrote an earlier payload").isEqualTo(copy).isNotSameAs(first);
    }

    // ---------------------------------------------------------------- framing

    @Test
    public void decodesAPayloadAtANonZeroOffsetInsideALargerArray() {
        Random random = new Random(randomSeed());
        for (WalEntry entry : SampleEntries.all()) {
            byte[] payload = encode(entry);
            int before = 1 + random.nextInt(64);
            int after = 1 + random.nextInt(64);
            byte[] larger = new byte[before + payload.length + after];
            random.nextBytes(larger);
            System.arraycopy(payload, 0, larger, before, payload.length);
            WalEntry decoded;
            try {
                decoded = codec().decode(larger, before, payload.length);
            } catch (RuntimeException e) {
                fail("decoding " + describe(entry) + " at offset " + before + " of a " + larger.length
                        + "-byte array threw " + e, e);
                return;
            }
            BitExact.assertSameEntry(decoded, entry);
        }
    }

    /**
     * A log reader decodes out of a buffer it then refills with the next
     * bytes, so a decoded entry must hold copies, never views of the payload
     * (the trap of a zero-copy decoder).
     */
    @Test
    public void decodedEntriesDoNotChangeWhenThePayloadArrayIsReused() {
        for (WalEntry entry : SampleEntries.all()) {
            byte[] payload = encode(entry);
            byte[] reused = new byte[payload.length + 8];
            System.arraycopy(payload, 0, reused, 4, payload.length);
            WalEntry decoded = codec().decode(reused, 4, payload.length);
            Arrays.fill(reused, (byte) 0x5A);
            BitExact.assertSameEntry(decoded, entry);
        }
    }

    @Test
    public void singleLineTextCodecWritesNoLineBreaks() {
        assumeTrue(codec().writesSingleLineText(), "the codec does not declare single-line text payloads");
        List<WalEntry> entries = new ArrayList<>(SampleEntries.all());
        entries.addAll(SampleEntries.withTextEverywhere("\n"));
        entries.addAll(SampleEntries.withTextEverywhere("\r"));
        entries.addAll(SampleEntries.withTextEverywhere("a\r\nb\n\nc"));
        for (WalEntry entry : entries) {
            assertSingleLineText(codec().encode(entry), entry);
        }
    }
}
