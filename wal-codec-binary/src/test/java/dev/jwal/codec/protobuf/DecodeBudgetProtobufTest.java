package dev.jwal.codec.protobuf;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.codec.protobuf.generated.Delete;
import dev.jwal.codec.protobuf.generated.Entry;
import dev.jwal.codec.protobuf.generated.Upsert;
import dev.jwal.codec.protobuf.generated.Vector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodeBudgetProtobufTest {
    private final ProtobufEntryCodec codec = new ProtobufEntryCodec();

    @Test
    void aCraftedCanonicalRecordOfMillionsOfEmptyVectorsIsACodecException() {
        Upsert.Builder upsert = Upsert.newBuilder().setNamespace("n");
        Vector empty = Vector.getDefaultInstance();
        for (int i = 0; i < 2_000_000; i++) {
            upsert.addVectors(empty);
        }
        byte[] payload = Entry.newBuilder().setUpsert(upsert).build().toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("bytes of memory to decode");
    }

    @Test
    void aCraftedRecordOfMillionsOfEmptyIdsIsRefusedBeforeTheGeneratedParserRuns() {
        byte[] payload = Entry.newBuilder().setDelete(Delete.newBuilder().setNamespace("n")
                .addAllIds(Collections.nCopies(3_000_000, ""))).build().toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("bytes of memory to decode").hasMessageContaining("fields");
    }

    @Test
    void aCraftedRecordOfMillionsOfUnknownFieldsIsACodecException() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {0x2a, 0x00}); // an empty DeleteNamespace, so the entry is valid but for them
        for (int i = 0; i < 2_000_000; i++) {
            bytes.writeBytes(new byte[] {(byte) 0x48, 0x00}); // field 9, varint 0: unknown, kept by protobuf
        }
        byte[] payload = bytes.toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("bytes of memory to decode");
    }

    @Test
    void entriesTooCostlyToReadBackAreRefusedAtEncode() {
        WalEntry vectors = new WalEntry.Upsert("n",
                Collections.nCopies(500_000, new SerializedVector("", new float[0], null)));
        WalEntry ids = new WalEntry.Delete("n", Collections.nCopies(500_000, ""));

        for (WalEntry entry : List.of(vectors, ids)) {
            assertThatThrownBy(() -> codec.encode(entry)).isInstanceOf(EntryRejectedException.class)
                    .hasMessageContaining("split it into several entries");
        }
    }

    @Test
    void ordinaryLargeEntriesStayWithinTheBudget() {
        WalEntry upsert = new WalEntry.Upsert("n", Collections.nCopies(200_000,
                new SerializedVector("id-00001", new float[] {1f, 2f}, null)));
        WalEntry delete = new WalEntry.Delete("n", Collections.nCopies(300_000, "user-1234"));

        for (WalEntry entry : List.of(upsert, delete)) {
            byte[] payload = codec.encode(entry);
            assertThat(codec.decode(payload, 0, payload.length)).isEqualTo(entry);
        }
    }
}
