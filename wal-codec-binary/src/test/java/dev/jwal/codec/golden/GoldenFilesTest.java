package dev.jwal.codec.golden;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed golden files still decode to {@link GoldenEntries}, and the
 * codecs still write exactly those bytes: a Kryo or protobuf upgrade (or a code
 * change) that changes the format fails here. If the change is deliberate, bump
 * the codec's format version and add a new golden file with
 * {@link GoldenFileGenerator}; keep the old one decoding.
 */
class GoldenFilesTest {

    static List<String> codecs() {
        return GoldenFileGenerator.CODECS;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void goldenFileDecodesToTheFixedEntries(String name) throws IOException {
        EntryCodec codec = Codecs.byName(name);
        List<byte[]> payloads = GoldenFile.payloads(golden(codec));
        List<WalEntry> expected = GoldenEntries.entries();
        assertThat(payloads).as("payloads in the golden file").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            byte[] payload = payloads.get(i);
            assertBitExact(codec.decode(payload, 0, payload.length), expected.get(i), "entry " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void codecStillWritesTheGoldenBytes(String name) throws IOException {
        EntryCodec codec = Codecs.byName(name);
        List<byte[]> golden = GoldenFile.payloads(golden(codec));
        List<WalEntry> entries = GoldenEntries.entries();
        for (int i = 0; i < entries.size(); i++) {
            assertThat(codec.encode(entries.get(i)))
                    .as("%s payload of entry %d (%s): the format changed; if on purpose, bump the format version"
                            + " and add a golden file (GoldenFileGenerator)", name, i, entries.get(i).getClass().getSimpleName())
                    .isEqualTo(golden.get(i));
        }
    }

    private static byte[] golden(EntryCodec codec) throws IOException {
        String resource = "/golden/" + GoldenFileGenerator.fileName(codec);
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s on the test class path", resource).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Equal entries, float values compared by raw bits (NaN payloads count). */
    private static void assertBitExact(WalEntry actual, WalEntry expected, String what) {
        assertThat(actual).as(what).isEqualTo(expected);
        if (expected instanceof WalEntry.Upsert upsert) {
            List<SerializedVector> actualVectors = ((WalEntry.Upsert) actual).vectors();
            for (int v = 0; v < upsert.vectors().size(); v++) {
                assertThat(rawBits(actualVectors.get(v).values()))
                        .as("%s vector %d values, raw bits", what, v)
                        .containsExactly(rawBits(upsert.vectors().get(v).values()));
            }
        }
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
