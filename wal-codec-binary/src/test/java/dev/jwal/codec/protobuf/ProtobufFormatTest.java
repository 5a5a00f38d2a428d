package dev.jwal.codec.protobuf;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.codec.protobuf.generated.Entry;
import dev.jwal.codec.protobuf.generated.Upsert;
import dev.jwal.codec.protobuf.generated.Vector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the protobuf format holds and refuses beyond the kit's checks. */
class ProtobufFormatTest {
    private final ProtobufEntryCodec codec = new ProtobufEntryCodec();

    @Test
    void theSchemaShipsInTheJar() throws IOException {
        try (InputStream schema = ProtobufEntryCodec.class.getResourceAsStream("/jwal_entry.proto")) {
            assertThat(schema).isNotNull();
            assertThat(new String(schema.readAllBytes(), StandardCharsets.UTF_8)).contains("message Entry", "oneof kind");
        }
    }

    @Test
    void anEmptyPayloadHoldsNoEntry() {
        assertThatThrownBy(() -> codec.decode(new byte[0], 0, 0))
                .isInstanceOf(CodecException.class).hasMessageContaining("'kind' is not set");
    }

    @Test
    void anUnknownEntryKindIsRefused() {
        // Field 99, varint 1: a kind from a future version.
        byte[] future = {(byte) 0x98, 0x06, 0x01};
        assertThatThrownBy(() -> codec.decode(future, 0, future.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown field numbers [99]");
    }

    @Test
    void invalidUtf8IsRefused() {
        // Entry.create_namespace (field 3) holding namespace (field 1) = 0xFF.
        byte[] payload = {0x1A, 0x03, 0x0A, 0x01, (byte) 0xFF};
        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void anUnpairedSurrogateIsRefusedAtEncodeNamingTheField() {
        WalEntry entry = new WalEntry.Upsert("docs", List.of(new dev.jwal.api.SerializedVector("v\uD800", new float[0], null)));
        assertThatThrownBy(() -> codec.encode(entry))
                .isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("Upsert vector 0 id").hasMessageContaining("U+D800 at char index 1");
    }

    @Test
    void metadataIsAbsentOrSetEvenWhenEmpty() throws Exception {
        WalEntry entry = new WalEntry.Upsert("docs", List.of(
                new dev.jwal.api.SerializedVector("none", new float[] {1.0f}, null),
                new dev.jwal.api.SerializedVector("empty", new float[] {1.0f}, "")));
        Upsert message = Entry.parseFrom(codec.encode(entry)).getUpsert();
        assertThat(message.getVectors(0).hasMetadata()).isFalse();
        assertThat(message.getVectors(1).hasMetadata()).isTrue();
    }

    @Test
    void valuesArePackedFloats() throws Exception {
        byte[] payload = Vector.newBuilder().addValues(1.0f).addValues(2.0f).build().toByteArray();
        // Field 2, wire type 2 (length-delimited), 8 bytes: one packed run, not two tagged floats.
        assertThat(payload).startsWith(0x12, 0x08);
    }
}
