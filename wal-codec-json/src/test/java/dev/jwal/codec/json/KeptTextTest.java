package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A line's text is the payload of the entry read from it only inside {@link KeptText#appending}, on that thread. */
class KeptTextTest {
    private static final JsonEntryCodec CODEC = new JsonEntryCodec();
    private static final String GIVEN = "{ \"TxnBegin\" : { \"txn_id\" : 7 } }";
    private static final String CANONICAL = "{\"TxnBegin\":{\"txn_id\":7}}";

    private static DecodedLine line(String text, int maxKeptLength) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return CODEC.decodeLine(bytes, 0, bytes.length, maxKeptLength);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void insideTheCallTheEntryEncodesAsTheLineItWasReadFrom() {
        DecodedLine line = line(GIVEN, 1000);

        String payload = KeptText.appending(List.of(line), () -> text(CODEC.encode(line.entry())));

        assertThat(line.entry()).isEqualTo(new WalEntry.TxnBegin(7));
        assertThat(payload).isEqualTo(GIVEN);
    }

    @Test
    void outsideTheCallTheSameEntryEncodesInTheCanonicalForm() {
        DecodedLine line = line(GIVEN, 1000);
        KeptText.appending(List.of(line), () -> CODEC.encode(line.entry()));

        assertThat(text(CODEC.encode(line.entry()))).isEqualTo(CANONICAL);
    }

    @Test
    void anEqualEntryThatIsNotTheSameInstanceEncodesInTheCanonicalForm() {
        DecodedLine line = line(GIVEN, 1000);

        String payload = KeptText.appending(List.of(line), () -> text(CODEC.encode(new WalEntry.TxnBegin(7))));

        assertThat(payload).isEqualTo(CANONICAL);
    }

    @Test
    void anotherThreadEncodesInTheCanonicalFormDuringTheCall() {
        DecodedLine line = line(GIVEN, 1000);

        String payload = KeptText.appending(List.of(line),
                () -> CompletableFuture.supplyAsync(() -> text(CODEC.encode(line.entry()))).join());

        assertThat(payload).isEqualTo(CANONICAL);
    }

    @Test
    void eachTextIsHandedOutOnceInTheOrderOfTheLines() {
        DecodedLine first = line(GIVEN, 1000);
        DecodedLine second = line(" {\"TxnCommit\":{\"txn_id\":7}}", 1000);

        List<String> payloads = KeptText.appending(List.of(first, second), () -> List.of(
                text(CODEC.encode(first.entry())), text(CODEC.encode(second.entry())),
                text(CODEC.encode(second.entry()))));

        assertThat(payloads).containsExactly(GIVEN, " {\"TxnCommit\":{\"txn_id\":7}}", "{\"TxnCommit\":{\"txn_id\":7}}");
    }

    @Test
    void aLineWithACarriageReturnIsNotKept() {
        DecodedLine line = line("{\"TxnBegin\":\r{\"txn_id\":7}}", 1000);

        assertThat(line.keepsText()).isFalse();
        assertThat(KeptText.appending(List.of(line), () -> text(CODEC.encode(line.entry())))).isEqualTo(CANONICAL);
    }

    @Test
    void aLineLongerThanTheLimitIsNotKept() {
        assertThat(line(GIVEN, GIVEN.length()).keepsText()).isTrue();
        assertThat(line(GIVEN, GIVEN.length() - 1).keepsText()).isFalse();
    }

    @Test
    void aLineThatIsNotAnEntryFailsAsDecodeDoes() {
        assertThatThrownBy(() -> line("{\"TxnBegin\":{}}", 1000)).isInstanceOf(CodecException.class)
                .hasMessageContaining("txn_id");
    }

    @Test
    void aKeptTextReadsBackToTheSameEntry() {
        DecodedLine line = line("{\"Upsert\":{\"namespace\":\"a\",\"vectors\":[[\"v\",[1e-7,3,"
                + "0.30000001192092896],null]]}}", 1000);

        byte[] payload = KeptText.appending(List.of(line), () -> CODEC.encode(line.entry()));

        assertThat(CODEC.decode(payload, 0, payload.length)).isEqualTo(line.entry());
    }
}
