package dev.jwal.codec.tck;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compares entries the way a log must: floats by their raw bits (so NaN
 * payloads and the sign of zero count), null metadata apart from empty
 * metadata. Stateless.
 */
final class BitExact {
    private BitExact() {
    }

    /** Fails, naming the first difference, unless {@code actual} is {@code expected} bit for bit. */
    static void assertSameEntry(WalEntry actual, WalEntry expected) {
        assertThat(actual).as("decoded entry").isNotNull();
        assertThat(actual.getClass()).as("decoded entry type").isEqualTo(expected.getClass());
        if (expected instanceof WalEntry.Upsert upsert) {
            assertSameUpsert((WalEntry.Upsert) actual, upsert);
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static void assertSameUpsert(WalEntry.Upsert actual, WalEntry.Upsert expected) {
        assertThat(actual.namespace()).as("namespace").isEqualTo(expected.namespace());
        List<SerializedVector> actualVectors = actual.vectors();
        List<SerializedVector> expectedVectors = expected.vectors();
        assertThat(actualVectors).as("number of vectors").hasSameSizeAs(expectedVectors);
        for (int v = 0; v < expectedVectors.size(); v++) {
            assertSameVector(actualVectors.get(v), expectedVectors.get(v), v);
        }
    }

    private static void assertSameVector(SerializedVector actual, SerializedVector expected, int index) {
        String where = "vector " + index + " (id " + abbreviate(expected.id()) + ")";
        assertThat(actual.id()).as(where + ": id").isEqualTo(expected.id());
        if (expected.metadata() == null) {
            assertThat(actual.metadata()).as(where + ": metadata was null and must stay null, not become empty").isNull();
        } else {
            assertThat(actual.metadata()).as(where + ": metadata").isEqualTo(expected.metadata());
        }
        assertThat(actual.dimension()).as(where + ": dimension").isEqualTo(expected.dimension());
        for (int i = 0; i < expected.dimension(); i++) {
            int expectedBits = Float.floatToRawIntBits(expected.value(i));
            int actualBits = Float.floatToRawIntBits(actual.value(i));
            if (expectedBits != actualBits) {
                fail(where + ": value " + i + " changed from " + expected.value(i) + String.format(" (bits 0x%08X)", expectedBits)
                        + " to " + actual.value(i) + String.format(" (bits 0x%08X)", actualBits));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? '"' + text + '"' : '"' + text.substring(0, 40) + "...\" (" + text.length() + " chars)";
    }
}
