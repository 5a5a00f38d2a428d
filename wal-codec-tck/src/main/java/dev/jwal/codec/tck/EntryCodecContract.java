package dev.jwal.codec.tck;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
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
 * <p>The checks are grouped by subject in the superclasses (round trips in
 * {@code RoundTripChecks}, determinism and framing in {@code EncodingChecks});
 * the robustness checks, decoding damaged payloads, are here. The hooks and
 * helpers are declared in {@code CodecContractSupport} and documented with
 * this class.
 *
 * <p>Tests whose hook does not apply are skipped (an assumption fails), never
 * silently passed. A failure names the entry, field and value index, or shows
 * the input bytes in hex. JUnit makes one instance per test; nothing is
 * shared between tests.
 */
public abstract class EntryCodecContract extends EncodingChecks {
    /** Creates the contract; subclasses are made by JUnit. */
    protected EntryCodecContract() {
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
}
