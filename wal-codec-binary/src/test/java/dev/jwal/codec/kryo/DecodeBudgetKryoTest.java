package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodeBudgetKryoTest {
    private static final int UPSERT_ID = 16 + 2;
    private static final int DELETE_ID = 17 + 2;
    private final KryoEntryCodec codec = new KryoEntryCodec();

    @Test
    void aCraftedRecordOfMillionsOfEmptyVectorsIsACodecExceptionNotAnOutOfMemoryError() {
        int vectors = 2_000_000;
        Output out = new Output(3 * vectors + 16);
        out.writeVarInt(UPSERT_ID, true);
        Fields.writeText(out, "n");
        Fields.writeCount(out, vectors);
        for (int i = 0; i < vectors; i++) {
            Fields.writeText(out, "");
            Fields.writeCount(out, 0);
            Fields.writeText(out, null);
        }
        byte[] payload = out.toBytes();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("bytes of memory to decode").hasMessageContaining("Upsert vector");
    }

    @Test
    void aCraftedRecordOfMillionsOfEmptyIdsIsACodecException() {
        int ids = 3_000_000;
        Output out = new Output(ids + 16);
        out.writeVarInt(DELETE_ID, true);
        Fields.writeText(out, "n");
        Fields.writeCount(out, ids);
        for (int i = 0; i < ids; i++) {
            Fields.writeText(out, "");
        }
        byte[] payload = out.toBytes();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("bytes of memory to decode").hasMessageContaining("Delete id");
    }

    @Test
    void anEntryTooCostlyToReadBackIsRefusedAtEncode() {
        WalEntry flood = new WalEntry.Upsert("n",
                Collections.nCopies(500_000, new SerializedVector("", new float[0], null)));

        assertThatThrownBy(() -> codec.encode(flood)).isInstanceOf(EntryRejectedException.class)
                .hasMessageContaining("split it into several entries");
    }

    @Test
    void ordinaryLargeEntriesStayWithinTheBudget() {
        List<SerializedVector> vectors = Collections.nCopies(200_000,
                new SerializedVector("id-00001", new float[] {1f, 2f}, null));
        WalEntry upsert = new WalEntry.Upsert("n", vectors);
        WalEntry delete = new WalEntry.Delete("n", Collections.nCopies(300_000, "user-1234"));

        for (WalEntry entry : List.of(upsert, delete)) {
            byte[] payload = codec.encode(entry);
            assertThat(codec.decode(payload, 0, payload.length)).isEqualTo(entry);
        }
    }
}
