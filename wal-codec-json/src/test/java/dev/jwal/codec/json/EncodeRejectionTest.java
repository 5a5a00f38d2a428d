package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Entries JSON or the reference cannot hold exactly are refused before any byte is produced. */
class EncodeRejectionTest {

    private static WalEntry upsert(String namespace, String id, String metadata, float... values) {
        return new WalEntry.Upsert(namespace, List.of(SerializedVector.of("ok", 1f), new SerializedVector(id, values, metadata)));
    }

    @Test
    void nanValueIsRejectedNamingNamespaceIdAndIndex() {
        assertThatThrownBy(() -> CODEC.encode(upsert("docs", "v7", null, 1f, 2f, Float.NaN)))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("\"docs\"")
                .hasMessageContaining("\"v7\"")
                .hasMessageContaining("value index 2");
    }

    @Test
    void positiveInfinityIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(upsert("docs", "v7", null, Float.POSITIVE_INFINITY)))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("Infinity")
                .hasMessageContaining("\"v7\"")
                .hasMessageContaining("value index 0");
    }

    @Test
    void negativeInfinityIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(upsert("docs", "v7", null, 0f, Float.NEGATIVE_INFINITY)))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("-Infinity")
                .hasMessageContaining("value index 1");
    }

    @Test
    void nanPayloadIsRejectedThroughToJsonToo() {
        assertThatThrownBy(() -> CODEC.toJson(upsert("docs", "v", null, Float.intBitsToFloat(0x7fc00001))))
                .isInstanceOf(EntryRejectedException.class);
    }

    @Test
    void unpairedHighSurrogateInUpsertNamespaceIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(upsert("ns\ud800", "v", null, 1f)))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("namespace")
                .hasMessageContaining("U+D800")
                .hasMessageContaining("char index 2");
    }

    @Test
    void unpairedSurrogateInNamespaceOfEveryEntryTypeIsRejected() {
        for (WalEntry entry : List.of(new WalEntry.Delete("\udc00", List.of()), new WalEntry.CreateNamespace("a\udbff"),
                new WalEntry.DeleteNamespace("\ude00b"))) {
            assertThatThrownBy(() -> CODEC.encode(entry)).as("%s", entry)
                    .isInstanceOf(EntryRejectedException.class).hasMessageContaining("namespace");
        }
    }

    @Test
    void unpairedLowSurrogateInVectorIdIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(upsert("docs", "id\udc00x", null, 1f)))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("id")
                .hasMessageContaining("\"docs\"")
                .hasMessageContaining("U+DC00");
    }

    @Test
    void unpairedSurrogateInDeletedIdIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(new WalEntry.Delete("docs", List.of("fine", "\ud83d"))))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("id 1")
                .hasMessageContaining("\"docs\"");
    }

    @Test
    void unpairedSurrogateInMetadataIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(upsert("docs", "v9", "emoji cut in half \ud83d", 1f)))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("metadata")
                .hasMessageContaining("\"v9\"");
    }

    @Test
    void reversedSurrogatePairIsRejected() {
        assertThatThrownBy(() -> CODEC.encode(new WalEntry.CreateNamespace("\ude00\ud83d")))
                .isInstanceOf(EntryRejectedException.class);
    }

    @Test
    void properSurrogatePairsAreAccepted() {
        assertThatCode(() -> CODEC.encode(upsert("😀", "👍🏽", "中😀", 1f))).doesNotThrowAnyException();
    }

    @Test
    void extremeFiniteValuesAreAccepted() {
        assertThatCode(() -> CODEC.encode(upsert("n", "v", null, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0.0f)))
                .doesNotThrowAnyException();
    }
}
