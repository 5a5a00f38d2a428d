package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisplayEncodingTest {
    private final JsonEntryCodec codec = new JsonEntryCodec();

    @Test
    void displayEncodingWritesNaNAndInfinitiesAsJsonStringsWhereEncodeRefusesThem() {
        WalEntry entry = new WalEntry.Upsert("a", List.of(new SerializedVector("v",
                new float[] {Float.NaN, Float.intBitsToFloat(0xffc00123), Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY, -0.0f, 2.5f}, null)));

        assertThatThrownBy(() -> codec.encode(entry)).isInstanceOf(EntryRejectedException.class);
        String shown = new String(codec.encodeForDisplay(entry), StandardCharsets.UTF_8);

        assertThat(shown).isEqualTo("{\"Upsert\":{\"namespace\":\"a\",\"vectors\":[{\"id\":\"v\",\"values\":"
                + "[\"NaN\",\"NaN\",\"Infinity\",\"-Infinity\",-0.0,2.5],\"metadata\":null}]}}");
        assertThatThrownBy(() -> codec.fromJson(shown)).as("not a payload the log would accept")
                .isInstanceOf(CodecException.class);
    }

    @Test
    void displayEncodingOfAnEntryEncodeAcceptsIsExactlyEncode() {
        for (WalEntry entry : List.of(new WalEntry.CreateNamespace("\u0001x\u00e9"), new WalEntry.TxnBegin(-1),
                new WalEntry.Upsert("a", List.of(new SerializedVector("v", new float[] {1e-7f, 7.038531e-26f},
                        "{\"k\":1}"))))) {
            assertThat(codec.encodeForDisplay(entry)).isEqualTo(codec.encode(entry));
        }
    }

    @Test
    void displayEncodingWritesAnUnpairedSurrogateAsItsEscape() {
        String shown = new String(codec.encodeForDisplay(new WalEntry.Delete("a", List.of("x\uDC00"))),
                StandardCharsets.UTF_8);

        assertThat(shown).isEqualTo("{\"Delete\":{\"namespace\":\"a\",\"ids\":[\"x\\udc00\"]}}");
    }
}
