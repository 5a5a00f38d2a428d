package dev.jwal.codec.tck;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The conformance tests every {@link EntryCodec} must pass: exact round trips
 * of every entry type and of the values codecs get wrong, deterministic
 * output, and decoding that, whatever the bytes, returns an entry or throws
 * {@link dev.jwal.api.error.CodecException} and nothing else.
 *
 * <p>To use it, add {@code dev.jwal:wal-codec-tck} as a test dependency and
 * extend this class in a test, naming the codec. The kit finds the codec with
 * {@link Codecs#byName(String)}, so it also proves that the codec is
 * registered for {@link java.util.ServiceLoader}:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.jwal</groupId>
 *   <artifactId>wal-codec-tck</artifactId>
 *   <scope>test</scope>
 * </dependency>
 *
 * class MyCodecContractTest extends EntryCodecContract {
 *     @Override
 *     protected String codecName() {
 *         return "mine";
 *     }
 *
 *     // Only if the format cannot hold NaN and infinities (JSON cannot):
 *     // the kit then checks that encode refuses them with EntryRejectedException.
 *     @Override
 *     protected boolean supportsNonFiniteFloats() {
 *         return false;
 *     }
 * }
 * }</pre>
 *
 * <p>The other hooks say what the codec cannot represent
 * ({@link #supportsUnpairedSurrogates()}) and tune the robustness tests
 * ({@link #randomSeed()}, {@link #randomPayloadCount()},
 * {@link #maxDecodeAllocation(int)}). A subclass may add its own tests and use
 * {@link #assertRoundTrip(WalEntry)}, {@link #encode(WalEntry)} and
 * {@link #decode(byte[])}; the entries and values the kit uses are public in
 * {@link SampleEntries} and {@link SampleValues}.
 *
 * <p>Tests whose hook does not apply are skipped (an assumption fails), never
 * silently passed. A failure names the entry, field and value index, or shows
 * the input bytes in hex. JUnit makes one instance per test; nothing is
 * shared between tests.
 */
public abstract class EntryCodecContract {
    private EntryCodec codec;

    /** Creates the contract; subclasses are made by JUnit. */
    protected EntryCodecContract() {
    }

    // ---------------------------------------------------------------- hooks

    /** The name the codec under test is registered under, as {@link Codecs#byName(String)} takes it. */
    protected abstract String codecName();

    /**
     * Whether the codec holds NaN (with any payload) and infinities exactly.
     * True by default: the kit checks that every bit of them comes back. A
     * codec that returns false must refuse them at encode with
     * {@link EntryRejectedException}, which the kit then checks instead.
     */
    protected boolean supportsNonFiniteFloats() {
        return true;
    }

    /**
     * Whether the codec holds Java strings with unpaired surrogates (not
     * Unicode text) exactly. False by default: the kit checks that encode
     * refuses them with {@link EntryRejectedException}, as any codec writing
     * UTF-8 must. A codec that returns true is checked to give them back
     * unchanged.
     */
    protected boolean supportsUnpairedSurrogates() {
        return false;
    }

    /** The seed of every random choice the robustness tests make, so a failure can be reproduced. */
    protected long randomSeed() {
        return 0x6A77_616CL;
    }

    /** How many random byte arrays {@link #decodingRandomBytesFailsCleanlyOrYieldsAnEntry()} decodes. */
    protected int randomPayloadCount() {
        return 3000;
    }

    /**
     * The most bytes one decode of a {@code payloadLength}-byte payload may
     * allocate (measured where the JVM can tell): by default 32 MiB plus 256
     * bytes per payload byte, far above what honest decoding needs and far
     * below what trusting a corrupted length costs.
     */
    protected long maxDecodeAllocation(int payloadLength) {
        return (32L << 20) + 256L * payloadLength;
    }

    /**
     * The most bytes one decode of an entry made of many tiny items (empty
     * vectors, empty or two-character ids) may allocate, for a payload of
     * {@code payloadLength} bytes: by default 24 bytes per payload byte plus
     * 8 MiB. A codec that cannot keep to it must refuse such entries at
     * encode, or a crafted record of them costs many times its size in memory.
     */
    protected long maxTinyItemsDecodeAllocation(int payloadLength) {
        return (8L << 20) + 24L * payloadLength;
    }

    // --------------------------------------------------------------- helpers

    /** The codec under test, looked up by {@link #codecName()} once per test. */
    protected final EntryCodec codec() {
        if (codec == null) {
            codec = Codecs.byName(codecName());
        }
        return codec;
    }

    /**
     * Encodes an entry the codec must accept; fails the test if it refuses it
     * or throws, or if a single-line text codec writes a line break or
     * invalid UTF-8.
     */
    protected final byte[] encode(WalEntry entry) {
        byte[] payload;
        try {
            payload = codec().encode(entry);
        } catch (RuntimeException e) {
            return fail("encoding " + describe(entry) + " threw " + e, e);
        }
        assertThat(payload).as("payload of " + describe(entry)).isNotNull();
        if (codec().writesSingleLineText()) {
            assertSingleLineText(payload, entry);
        }
        return payload;
    }

    /** Decodes a payload that must be valid; fails the test if the codec throws. */
    protected final WalEntry decode(byte[] payload) {
        try {
            WalEntry entry = codec().decode(payload, 0, payload.length);
            assertThat(entry).as("decoded entry").isNotNull();
            return entry;
        } catch (RuntimeException e) {
            return fail("decoding a payload the codec wrote threw " + e + "; payload: " + Hex.of(payload), e);
        }
    }

    /** Fails unless {@code entry} encodes, and decodes back bit for bit (floats by raw bits, null metadata apart from empty). */
    protected final void assertRoundTrip(WalEntry entry) {
        byte[] payload = encode(entry);
        WalEntry decoded = decode(payload);
        try {
            BitExact.assertSameEntry(decoded, entry);
        } catch (AssertionError e) {
            throw new AssertionError("round trip of " + describe(entry) + " changed it: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------- discovery

    @Test
    public void isFoundByNameThroughServiceLoader() {
        EntryCodec found = Codecs.byName(codecName());
        assertThat(found.name()).as("name() of the codec found as '%s'", codecName()).isEqualTo(codecName());
        assertThat(found.name()).as("codec names are lower case").isEqualTo(found.name().toLowerCase(Locale.ROOT));
        assertThat(found.formatVersion()).as("formatVersion()").isPositive();
        assertThat(Codecs.availableNames()).contains(codecName());
    }

    // ------------------------------------------------------ every entry type

    @Test
    public void roundTripsUpsert() {
        assertRoundTrip(SampleEntries.upsert());
    }

    @Test
    public void roundTripsDelete() {
        assertRoundTrip(new WalEntry.Delete("docs", List.of("v1", "v2", "v3")));
    }

    @Test
    public void roundTripsCreateNamespace() {
        assertRoundTrip(new WalEntry.CreateNamespace("docs"));
    }

    @Test
    public void roundTripsDeleteNamespace() {
        assertRoundTrip(new WalEntry.DeleteNamespace("docs"));
    }

    @Test
    public void roundTripsCheckpoint() {
        assertRoundTrip(new WalEntry.Checkpoint(12L));
    }

    @Test
    public void roundTripsTxnBegin() {
        assertRoundTrip(new WalEntry.TxnBegin(7L));
    }

    @Test
    public void roundTripsTxnCommit() {
        assertRoundTrip(new WalEntry.TxnCommit(7L));
    }

    @Test
    public void roundTripsTxnRollback() {
        assertRoundTrip(new WalEntry.TxnRollback(7L));
    }

    // ------------------------------------------------------------ empty shapes

    @Test
    public void roundTripsAnUpsertWithNoVectors() {
        assertRoundTrip(new WalEntry.Upsert("docs", List.of()));
    }

    @Test
    public void roundTripsAVectorWithNoValues() {
        assertRoundTrip(new WalEntry.Upsert("docs", List.of(
                new SerializedVector("empty", new float[0], null),
                new SerializedVector("one", new float[] {1.0f}, null),
                new SerializedVector("empty-too", new float[0], "m"))));
    }

    @Test
    public void roundTripsADeleteWithNoIds() {
        assertRoundTrip(new WalEntry.Delete("docs", List.of()));
    }

    @Test
    public void roundTripsEmptyStringsInEveryField() {
        SampleEntries.emptyShapes().forEach(this::assertRoundTrip);
        SampleEntries.withTextEverywhere("").forEach(this::assertRoundTrip);
    }

    @Test
    public void roundTripsALargeVectorOf1536Floats() {
        WalEntry.Upsert large = SampleEntries.largeUpsert();
        assertThat(large.vectors().get(0).dimension()).isEqualTo(SampleValues.LARGE_VECTOR_DIMENSION);
        assertRoundTrip(large);
        List<SerializedVector> many = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            many.add(new SerializedVector("v" + i, SampleValues.largeVectorValues(), i % 2 == 0 ? null : "{}"));
        }
        assertRoundTrip(new WalEntry.Upsert("embeddings", many));
    }

    // ------------------------------------------------------------------ text

    @Test
    public void roundTripsUnicodeTextInEveryField() {
        for (String text : SampleValues.unicodeStrings()) {
            SampleEntries.withTextEverywhere(text).forEach(this::assertRoundTrip);
        }
    }

    @Test
    public void roundTripsLongStringsInEveryField() {
        assertThat(SampleValues.longAsciiString()).hasSize(SampleValues.LONG_STRING_LENGTH);
        assertThat(SampleValues.longUnicodeString()).hasSize(SampleValues.LONG_STRING_LENGTH);
        SampleEntries.withTextEverywhere(SampleValues.longAsciiString()).forEach(this::assertRoundTrip);
        SampleEntries.withTextEverywhere(SampleValues.longUnicodeString()).forEach(this::assertRoundTrip);
    }

    @Test
    public void keepsNullMetadataApartFromEmptyMetadata() {
        WalEntry.Upsert upsert = new WalEntry.Upsert("docs", List.of(
                new SerializedVector("none", new float[] {1.0f}, null),
                new SerializedVector("empty", new float[] {1.0f}, ""),
                new SerializedVector("text", new float[] {1.0f}, "null")));
        assertRoundTrip(upsert);
        List<SerializedVector> decoded = ((WalEntry.Upsert) decode(encode(upsert))).vectors();
        assertThat(decoded.get(0).metadata()).as("absent metadata").isNull();
        assertThat(decoded.get(1).metadata()).as("empty metadata").isEmpty();
        assertThat(decoded.get(2).metadata()).as("the text \"null\"").isEqualTo("null");
    }

    @Test
    public void roundTripsUnpairedSurrogates() {
        assumeTrue(supportsUnpairedSurrogates(), "the codec declares it cannot hold unpaired surrogates");
        for (String text : SampleValues.unpairedSurrogateStrings()) {
            SampleEntries.withTextEverywhere(text).forEach(this::assertRoundTrip);
        }
    }

    @Test
    public void refusesUnpairedSurrogatesAtEncode() {
        assumeFalse(supportsUnpairedSurrogates(), "the codec declares it holds unpaired surrogates");
        for (String text : SampleValues.unpairedSurrogateStrings()) {
            for (WalEntry entry : SampleEntries.withTextEverywhere(text)) {
                assertThatThrownBy(() -> codec().encode(entry))
                        .as("encoding %s, which holds an unpaired surrogate", describe(entry))
                        .isInstanceOf(EntryRejectedException.class);
            }
        }
        // A refusal must leave the codec fit for the next entry.
        assertRoundTrip(SampleEntries.upsert());
    }

    // ---------------------------------------------------------------- floats

    @Test
    public void roundTripsFiniteEdgeFloatsBitExact() {
        float[] edges = SampleValues.finiteEdgeFloats();
        assertRoundTrip(SampleEntries.upsertOf(edges));
        for (float value : edges) {
            assertRoundTrip(SampleEntries.upsertOf(value));
        }
    }

    @Test
    public void keepsPositiveAndNegativeZeroDistinct() {
        WalEntry.Upsert decoded = (WalEntry.Upsert) decode(encode(SampleEntries.upsertOf(0.0f, -0.0f)));
        assertThat(Float.floatToRawIntBits(decoded.vectors().get(0).value(0))).as("bits of 0.0f").isZero();
        assertThat(Float.floatToRawIntBits(decoded.vectors().get(0).value(1))).as("bits of -0.0f").isEqualTo(0x8000_0000);
    }

    @Test
    public void roundTripsNaNPayloadsAndInfinitiesBitExact() {
        assumeTrue(supportsNonFiniteFloats(), "the codec declares it cannot hold NaN or infinities");
        float[] nonFinite = SampleValues.nonFiniteFloats();
        assertRoundTrip(SampleEntries.upsertOf(nonFinite));
        for (float value : nonFinite) {
            assertRoundTrip(SampleEntries.upsertOf(1.0f, value, -1.0f));
        }
    }

    @Test
    public void refusesNaNAndInfinitiesAtEncode() {
        assumeFalse(supportsNonFiniteFloats(), "the codec declares it holds NaN and infinities");
        for (float value : SampleValues.nonFiniteFloats()) {
            WalEntry entry = SampleEntries.upsertOf(1.0f, value);
            assertThatThrownBy(() -> codec().encode(entry))
                    .as("encoding a vector holding %s", value)
                    .isInstanceOf(EntryRejectedException.class);
        }
        assertRoundTrip(SampleEntries.upsert());
    }

    // ------------------------------------------------------ unsigned numbers

    @Test
    public void roundTripsUnsignedNumbersAboveLongMaxValue() {
        for (long value : SampleValues.unsignedLongs()) {
            SampleEntries.withUnsignedNumber(value).forEach(this::assertRoundTrip);
        }
        // 18446744073709551615 and 9223372036854775808 in particular.
        assertRoundTrip(new WalEntry.TxnBegin(-1L));
        assertRoundTrip(new WalEntry.Checkpoint(Long.MIN_VALUE));
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

    // ------------------------------------------------------------ robustness

    @Test
    public void decodingEveryTruncationFailsCleanlyOrYieldsAnEntry() {
        DecodeProbe probe = newProbe();
        List<WalEntry> seeds = new ArrayList<>(SampleEntries.mutationSeeds());
        seeds.add(SampleEntries.largeUpsert());
        for (int s = 0; s < seeds.size(); s++) {
            byte[] payload = encode(seeds.get(s));
            for (int length : Mutations.truncationLengths(payload.length)) {
                // A copy of exactly the prefix: reading past it fails loudly instead of finding the rest.
                probe.probe(Arrays.copyOf(payload, length), "seed " + s + " (" + describe(seeds.get(s)) + ", "
                        + payload.length + " bytes) truncated to " + length + " bytes");
            }
        }
        assertThat(probe.rejected()).as("truncated payloads refused").isPositive();
    }

    @Test
    public void decodingRandomBytesFailsCleanlyOrYieldsAnEntry() {
        DecodeProbe probe = newProbe();
        List<byte[]> valid = SampleEntries.mutationSeeds().stream().map(this::encode).collect(Collectors.toList());
        List<byte[]> garbage = Mutations.randomPayloads(new Random(randomSeed()), randomPayloadCount(), valid);
        for (int i = 0; i < garbage.size(); i++) {
            probe.probe(garbage.get(i), "random payload " + i + " (seed " + randomSeed() + ")");
        }
        assertThat(probe.rejected()).as("random payloads refused").isPositive();
    }

    @Test
    public void decodingBitFlippedPayloadsFailsCleanlyOrYieldsAnEntry() {
        DecodeProbe probe = newProbe();
        Random random = new Random(randomSeed());
        List<WalEntry> seeds = SampleEntries.mutationSeeds();
        for (int s = 0; s < seeds.size(); s++) {
            byte[] payload = encode(seeds.get(s));
            for (int bit : Mutations.bitFlipPositions(payload.length, random)) {
                probe.probe(Mutations.flipBit(payload, bit), "seed " + s + " (" + describe(seeds.get(s)) + ") with bit "
                        + (bit % 8) + " of byte " + (bit / 8) + " flipped");
            }
        }
        assertThat(probe.decoded() + probe.rejected()).isPositive();
    }

    @Test
    public void decodingHugeLengthsNeverAllocatesUnboundedMemory() {
        DecodeProbe probe = newProbe();
        List<WalEntry> seeds = SampleEntries.mutationSeeds();
        for (int s = 0; s < seeds.size(); s++) {
            byte[] payload = encode(seeds.get(s));
            List<byte[]> damaged = Mutations.withHugeLengths(payload);
            for (int d = 0; d < damaged.size(); d++) {
                probe.probe(damaged.get(d), "seed " + s + " (" + describe(seeds.get(s)) + ") with a huge length, variant " + d);
            }
        }
        assertThat(probe.rejected()).as("payloads with huge lengths refused").isPositive();
    }

    @Test
    public void decodingManyTinyItemsAllocatesABoundedMultipleOfThePayloadOrIsRefusedAtEncode() {
        assumeTrue(AllocationMeter.allocatedBytes() >= 0, "the JVM cannot measure allocation");
        int count = 300_000;
        List<SerializedVector> empty = new ArrayList<>(count);
        List<String> emptyIds = new ArrayList<>(count);
        List<String> shortIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            empty.add(new SerializedVector("", new float[0], null));
            emptyIds.add("");
            shortIds.add(Integer.toString(i % 100, 36));
        }
        for (WalEntry entry : List.of(new WalEntry.Upsert("n", empty), new WalEntry.Delete("n", emptyIds),
                new WalEntry.Delete("n", shortIds))) {
            byte[] payload;
            try {
                payload = codec().encode(entry);
            } catch (EntryRejectedException refused) {
                continue; // never written, so never read
            }
            codec().decode(payload, 0, payload.length); // warm up
            // The least of a few decodes: a decode that runs while the JIT recompiles allocates more, by chance.
            long allocated = Long.MAX_VALUE;
            WalEntry decoded = null;
            for (int run = 0; run < 3; run++) {
                long before = AllocationMeter.allocatedBytes();
                decoded = codec().decode(payload, 0, payload.length);
                allocated = Math.min(allocated, AllocationMeter.allocatedBytes() - before);
            }
            assertThat(decoded).isEqualTo(entry);
            assertThat(allocated).as("bytes allocated decoding %s (%d-byte payload)", describe(entry), payload.length)
                    .isLessThanOrEqualTo(maxTinyItemsDecodeAllocation(payload.length));
        }
    }

    // --------------------------------------------------------------- private

    private DecodeProbe newProbe() {
        return new DecodeProbe(codec(), this::maxDecodeAllocation);
    }

    private void assertSingleLineText(byte[] payload, WalEntry entry) {
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n' || payload[i] == '\r') {
                fail("the codec declares single-line text payloads, but the payload of " + describe(entry)
                        + " holds a " + (payload[i] == '\n' ? "line feed" : "carriage return") + " at byte " + i
                        + ": " + Hex.of(payload));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
        } catch (CharacterCodingException e) {
            fail("the codec declares single-line text payloads, but the payload of " + describe(entry)
                    + " is not valid UTF-8: " + Hex.of(payload), e);
        }
    }

    /** A short description of an entry for messages: its type and sizes, not its (possibly huge) content. */
    static String describe(WalEntry entry) {
        String text = entry.toString();
        return text.length() <= 120 ? text : text.substring(0, 120) + "... (" + text.length() + " chars)";
    }
}
