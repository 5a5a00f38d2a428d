package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the kryo format accepts beyond the kit's checks: only entry class ids, no trailing bytes. */
class KryoFormatTest {
    private final KryoEntryCodec codec = new KryoEntryCodec();

    @Test
    void payloadStartsWithTheEntryTypesRegistrationIdPlusTwo() {
        assertThat(codec.encode(new WalEntry.Upsert("a", java.util.List.of()))[0]).isEqualTo((byte) (EntryKryo.UPSERT_ID + 2));
        assertThat(codec.encode(new WalEntry.TxnRollback(1))[0]).isEqualTo((byte) (EntryKryo.TXN_ROLLBACK_ID + 2));
    }

    @Test
    void refusesKryosBuiltInClassIds() {
        // 3 is Kryo's String registration (id 1) + 2: a String of any claimed length must never be read.
        byte[] string = {3, (byte) 0xC0 | 0x3F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThatThrownBy(() -> codec.decode(string, 0, string.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("not an entry: class id 3");
    }

    @Test
    void refusesAClassWrittenByName() {
        // 1 is Kryo's "class name follows": never read.
        byte[] named = {1, 0, (byte) ('j' | 0x80)};
        assertThatThrownBy(() -> codec.decode(named, 0, named.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("class id 1");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> codec.decode(new byte[] {0}, 0, 1))
                .isInstanceOf(CodecException.class).hasMessageContaining("class id 0");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] payload = codec.encode(new WalEntry.Checkpoint(5));
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        assertThatThrownBy(() -> codec.decode(longer, 0, longer.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("1 bytes follow the Checkpoint entry");
    }

    @Test
    void refusesAFloatCountLargerThanTheBytesLeft() {
        // Upsert "ns", one vector "id" claiming 2^28 floats, with nothing after.
        Output output = new Output(64);
        output.writeVarInt(EntryKryo.UPSERT_ID + 2, true);
        Fields.writeText(output, "ns");
        Fields.writeCount(output, 1);
        Fields.writeText(output, "id");
        Fields.writeCount(output, 1 << 28);
        byte[] payload = output.toBytes();
        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("claims 268435456 items");
    }
}
