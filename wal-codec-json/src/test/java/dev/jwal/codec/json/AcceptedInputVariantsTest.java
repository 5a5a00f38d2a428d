package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

/** Every input form the reference (serde_json) accepts decodes to the entry it means. */
class AcceptedInputVariantsTest {
    private static final WalEntry UPSERT = new WalEntry.Upsert("docs",
            List.of(new SerializedVector("v1", new float[] {1.0f, 2.0f}, "m")));

    private static float[] valuesOf(String json) {
        return ((WalEntry.Upsert) CODEC.fromJson(json)).vectors().get(0).values();
    }

    private static String upsertWithValues(String values) {
        return "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[" + values + "],\"metadata\":null}]}}";
    }

    @Test
    void anyJsonWhitespaceBetweenTokens() {
        String json = " \t{ \"Upsert\" :\n{\r\n\"namespace\" : \"docs\" ,\t\"vectors\" : [ { \"id\" : \"v1\" , "
                + "\"values\" : [ 1.0 , 2.0 ] , \"metadata\" : \"m\" } ] } }\r\n ";

        assertThat(CODEC.fromJson(json)).isEqualTo(UPSERT);
    }

    @Test
    void trailingCarriageReturnOfACrlfLine() {
        assertThat(CODEC.fromJson("{\"CreateNamespace\":{\"namespace\":\"a\"}}\r")).isEqualTo(new WalEntry.CreateNamespace("a"));
    }

    @Test
    void keysInAnyOrder() {
        String json = "{\"Upsert\":{\"vectors\":[{\"metadata\":\"m\",\"values\":[1.0,2.0],\"id\":\"v1\"}],\"namespace\":\"docs\"}}";

        assertThat(CODEC.fromJson(json)).isEqualTo(UPSERT);
    }

    @Test
    void unknownFieldsAreIgnoredWhateverTheirValue() {
        String json = "{\"Upsert\":{\"extra\":{\"a\":[1,{\"b\":null}],\"namespace\":5},\"namespace\":\"docs\",\"n\":1e400,"
                + "\"vectors\":[{\"id\":\"v1\",\"score\":0.5,\"values\":[1.0,2.0],\"tags\":[\"x\"],\"metadata\":\"m\",\"t\":true}],"
                + "\"z\":\"\\ud800\"}}";

        assertThat(CODEC.fromJson(json)).isEqualTo(UPSERT);
    }

    @Test
    void missingMetadataMeansNone() {
        String json = "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[1.0]}]}}";

        assertThat(((WalEntry.Upsert) CODEC.fromJson(json)).vectors().get(0).metadata()).isNull();
    }

    @Test
    void integerValues() {
        assertThat(valuesOf(upsertWithValues("1,-1,0,16777217,100"))).containsExactly(1f, -1f, 0f, 16777216f, 100f);
    }

    @Test
    void integerMinusZeroIsNegativeZero() {
        assertThat(Float.floatToRawIntBits(valuesOf(upsertWithValues("-0"))[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void exponentWithCapitalEAndNegativeScale() {
        assertThat(valuesOf(upsertWithValues("1.0E-5"))).containsExactly(1.0e-5f);
    }

    @Test
    void exponentWithPlusSign() {
        assertThat(valuesOf(upsertWithValues("1e+5,2E+0,1E2"))).containsExactly(1e5f, 2f, 100f);
    }

    @Test
    void decimalIsRoundedToDoubleThenToFloat() {
        // 8388608.5 is exactly between two floats: ties to even gives 8388608. And a long decimal
        // first becomes the nearest double, as in serde_json.
        assertThat(valuesOf(upsertWithValues("8388608.5,0.1000000000000000055511151231257827,0.30000000000000004")))
                .containsExactly(8388608f, 0.1f, 0.3f);
    }

    @Test
    void hugeIntegersBecomeFloats() {
        assertThat(valuesOf(upsertWithValues("18446744073709551615,-9223372036854775808,100000000000000000000000")))
                .containsExactly(1.8446744e19f, -9.223372e18f, 1e23f);
    }

    @Test
    void tinyNumbersUnderflowToZero() {
        assertThat(valuesOf(upsertWithValues("1e-50,-1e-400"))).containsExactly(0.0f, -0.0f);
    }

    @Test
    void escapedCharactersInStrings() {
        WalEntry entry = CODEC.fromJson("{\"CreateNamespace\":{\"namespace\":\"\\u00e9\\ud83d\\ude00\\/\\\"\\n\\u001B\"}}");

        assertThat(entry).isEqualTo(new WalEntry.CreateNamespace("é😀/\"\n\u001b"));
    }

    @Test
    void structWrittenAsAnArrayOfItsFields() {
        // serde's derived Deserialize also accepts a struct as a sequence of its fields in declaration order.
        assertThat(CODEC.fromJson("{\"Upsert\":[\"docs\",[[\"v1\",[1.0,2.0],\"m\"]]]}")).isEqualTo(UPSERT);
        assertThat(CODEC.fromJson("{\"Checkpoint\":[5]}")).isEqualTo(new WalEntry.Checkpoint(5));
        assertThat(CODEC.fromJson("{\"Delete\":[\"a\",[\"x\"]]}")).isEqualTo(new WalEntry.Delete("a", List.of("x")));
    }

    @Test
    void largestUnsigned64() {
        assertThat(CODEC.fromJson("{\"Checkpoint\":{\"lsn\":18446744073709551615}}")).isEqualTo(new WalEntry.Checkpoint(-1L));
        assertThat(CODEC.fromJson("{\"TxnBegin\":{\"txn_id\":9223372036854775808}}")).isEqualTo(new WalEntry.TxnBegin(Long.MIN_VALUE));
    }

    @Test
    void payloadInTheMiddleOfALargerArray() {
        byte[] framed = "7|{\"TxnBegin\":{\"txn_id\":3}}\n".getBytes(StandardCharsets.UTF_8);

        assertThat(CODEC.decode(framed, 2, framed.length - 3)).isEqualTo(new WalEntry.TxnBegin(3));
    }
}
