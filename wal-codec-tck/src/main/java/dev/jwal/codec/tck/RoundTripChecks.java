package dev.jwal.codec.tck;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The round-trip checks of {@link EntryCodecContract}: the codec is found by name, and every entry type,
 * empty shape, text, float and unsigned number comes back bit for bit (or is refused at encode, as the hooks
 * declare).
 */
abstract class RoundTripChecks extends CodecContractSupport {
    RoundTripChecks() {
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
}
