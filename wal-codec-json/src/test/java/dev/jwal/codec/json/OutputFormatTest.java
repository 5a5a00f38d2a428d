package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

/** The exact bytes the codec writes: the reference's serde form. */
class OutputFormatTest {

    private static String encoded(WalEntry entry) {
        return new String(CODEC.encode(entry), StandardCharsets.UTF_8);
    }

    @Test
    void upsertWritesNamespaceVectorsAndEveryVectorField() {
        WalEntry entry = new WalEntry.Upsert("docs", List.of(
                new SerializedVector("v1", new float[] {1.0f, 2.5f}, null),
                new SerializedVector("v2", new float[] {}, "{\"k\":1}")));

        assertThat(encoded(entry)).isEqualTo("{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":["
                + "{\"id\":\"v1\",\"values\":[1.0,2.5],\"metadata\":null},"
                + "{\"id\":\"v2\",\"values\":[],\"metadata\":\"{\\\"k\\\":1}\"}]}}");
    }

    @Test
    void upsertWithoutVectorsWritesAnEmptyArray() {
        assertThat(encoded(new WalEntry.Upsert("e", List.of()))).isEqualTo("{\"Upsert\":{\"namespace\":\"e\",\"vectors\":[]}}");
    }

    @Test
    void deleteWritesNamespaceThenIds() {
        assertThat(encoded(new WalEntry.Delete("docs", List.of("v1", "v3"))))
                .isEqualTo("{\"Delete\":{\"namespace\":\"docs\",\"ids\":[\"v1\",\"v3\"]}}");
    }

    @Test
    void createNamespaceWritesItsNamespace() {
        assertThat(encoded(new WalEntry.CreateNamespace("a"))).isEqualTo("{\"CreateNamespace\":{\"namespace\":\"a\"}}");
    }

    @Test
    void deleteNamespaceWritesItsNamespace() {
        assertThat(encoded(new WalEntry.DeleteNamespace("a"))).isEqualTo("{\"DeleteNamespace\":{\"namespace\":\"a\"}}");
    }

    @Test
    void checkpointWritesItsLsn() {
        assertThat(encoded(new WalEntry.Checkpoint(12))).isEqualTo("{\"Checkpoint\":{\"lsn\":12}}");
    }

    @Test
    void txnBeginWritesItsId() {
        assertThat(encoded(new WalEntry.TxnBegin(7))).isEqualTo("{\"TxnBegin\":{\"txn_id\":7}}");
    }

    @Test
    void txnCommitWritesItsId() {
        assertThat(encoded(new WalEntry.TxnCommit(0))).isEqualTo("{\"TxnCommit\":{\"txn_id\":0}}");
    }

    @Test
    void txnRollbackWritesItsId() {
        assertThat(encoded(new WalEntry.TxnRollback(Long.MAX_VALUE))).isEqualTo("{\"TxnRollback\":{\"txn_id\":9223372036854775807}}");
    }

    @Test
    void negativeLongIsWrittenAsUnsigned64() {
        assertThat(encoded(new WalEntry.TxnCommit(-1L))).isEqualTo("{\"TxnCommit\":{\"txn_id\":18446744073709551615}}");
        assertThat(encoded(new WalEntry.Checkpoint(Long.MIN_VALUE))).isEqualTo("{\"Checkpoint\":{\"lsn\":9223372036854775808}}");
    }

    @Test
    void wholeFloatsKeepPointZero() {
        assertThat(encoded(upsertOf(1f, -1f, 100f, 1000000f))).contains("\"values\":[1.0,-1.0,100.0,1000000.0]");
    }

    @Test
    void negativeZeroStaysNegative() {
        String json = encoded(upsertOf(-0.0f, 0.0f));

        assertThat(json).contains("\"values\":[-0.0,0.0]");
        assertThat(Float.floatToRawIntBits(((WalEntry.Upsert) CODEC.fromJson(json)).vectors().get(0).value(0)))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void smallAndLargeFloatsUseAnExponentFormTheReferenceReads() {
        // Jackson's shortest text, in Java's layout; serde reads any exponent style (1.0E-7 as well as 1e-7).
        assertThat(encoded(upsertOf(1e-7f, 3.4028235e38f, Float.MIN_VALUE, 1e13f)))
                .contains("\"values\":[1.0E-7,3.4028235E38,1.4E-45,1.0E13]");
    }

    @Test
    void metadataIsAlwaysWrittenNullWhenAbsent() {
        assertThat(encoded(upsertOf())).contains("\"metadata\":null");
    }

    @Test
    void controlCharactersAreEscapedLowerCaseAndNothingElse() {
        String json = encoded(new WalEntry.CreateNamespace("a\nb\r\t\b\f\u0000\u001b\u007f\"\\/\u2028"));

        assertThat(json).isEqualTo("{\"CreateNamespace\":{\"namespace\":\"a\\nb\\r\\t\\b\\f\\u0000\\u001b\u007f\\\"\\\\/\u2028\"}}");
    }

    @Test
    void nonAsciiTextIsWrittenAsRawUtf8() {
        byte[] payload = CODEC.encode(new WalEntry.CreateNamespace("é中😀"));

        assertThat(payload).containsSequence("é中😀".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain("\\u");
    }

    @Test
    void payloadIsOneLineWhateverTheStrings() {
        byte[] payload = CODEC.encode(new WalEntry.Upsert("line1\nline2\r", List.of(
                new SerializedVector("id\r\n", new float[] {1f}, "meta\ndata\u2028\u2029\u0085"))));

        assertThat(payload).doesNotContain((byte) '\n').doesNotContain((byte) '\r');
    }

    @Test
    void encodeReturnsAFreshArrayEachTime() {
        WalEntry entry = new WalEntry.CreateNamespace("a");
        byte[] first = CODEC.encode(entry);
        first[0] = 'x';

        assertThat(CODEC.encode(entry)[0]).isEqualTo((byte) '{');
    }

    private static WalEntry upsertOf(float... values) {
        return new WalEntry.Upsert("n", List.of(new SerializedVector("v", values, null)));
    }
}
