package dev.jwal.codec.protobuf;

import com.google.protobuf.CodedOutputStream;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.codec.protobuf.generated.Entry;
import dev.jwal.codec.protobuf.generated.Upsert;
import dev.jwal.codec.protobuf.generated.Vector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written Upsert path writes exactly the generated code's bytes, and
 * reads exactly what the generated parser reads; bytes outside its canonical
 * layout are left to the generated parser.
 */
class UpsertWireTest {
    private final ProtobufEntryCodec codec = new ProtobufEntryCodec();

    @Test
    void writesTheGeneratedCodesBytesForRandomUpserts() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            WalEntry.Upsert upsert = randomUpsert(random);
            assertThat(UpsertWire.encode(upsert)).as("upsert %d: %s", i, upsert)
                    .isEqualTo(EntryMapper.toMessage(upsert).toByteArray());
        }
    }

    @Test
    void readsBackRandomUpsertsBitForBitAsTheGeneratedParserDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 2_000; i++) {
            WalEntry.Upsert upsert = randomUpsert(random);
            byte[] payload = EntryMapper.toMessage(upsert).toByteArray();
            byte[] padded = new byte[payload.length + 7];
            System.arraycopy(payload, 0, padded, 3, payload.length);
            WalEntry.Upsert fast = UpsertWire.decode(padded, 3, payload.length);
            assertThat(fast).as("upsert %d is canonical, so the fast path reads it", i).isNotNull();
            assertThat(fast).isEqualTo(EntryMapper.fromMessage(Entry.parseFrom(payload))).isEqualTo(upsert);
            for (int v = 0; v < upsert.vectors().size(); v++) {
                assertThat(rawBits(fast.vectors().get(v).values()))
                        .isEqualTo(rawBits(upsert.vectors().get(v).values()));
            }
        }
    }

    @Test
    void decodedValuesDoNotShareThePayload() {
        WalEntry.Upsert upsert = new WalEntry.Upsert("ns", List.of(SerializedVector.of("v", 1f, 2f)));
        byte[] payload = codec.encode(upsert);
        WalEntry decoded = codec.decode(payload, 0, payload.length);
        Arrays.fill(payload, (byte) 0x7F);
        assertThat(decoded).isEqualTo(upsert);
    }

    @Test
    void leavesUnpackedFloatsToTheGeneratedParser() throws Exception {
        // Vector{id="v", values=1.0f, 2.0f unpacked (field 2, wire type 5, each)}: valid protobuf, not what we write.
        ByteArrayOutputStream vector = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(vector);
        out.writeString(1, "v");
        out.writeFloat(2, 1.0f);
        out.writeFloat(2, 2.0f);
        out.flush();
        byte[] payload = wrapVector(vector.toByteArray(), "ns");
        assertThat(UpsertWire.decode(payload, 0, payload.length)).isNull();
        assertThat(codec.decode(payload, 0, payload.length))
                .isEqualTo(new WalEntry.Upsert("ns", List.of(SerializedVector.of("v", 1f, 2f))));
    }

    @Test
    void leavesUnknownAndRepeatedFieldsToTheGeneratedParser() throws Exception {
        byte[] canonical = codec.encode(new WalEntry.Upsert("ns", List.of(SerializedVector.of("v", 1f))));
        // An unknown field 9 (varint) after the upsert, at the Entry level.
        byte[] unknown = Arrays.copyOf(canonical, canonical.length + 2);
        unknown[canonical.length] = 9 << 3;
        unknown[canonical.length + 1] = 1;
        // The upsert field twice: protobuf merges the two messages.
        byte[] twice = Arrays.copyOf(canonical, canonical.length * 2);
        System.arraycopy(canonical, 0, twice, canonical.length, canonical.length);
        for (byte[] payload : List.of(unknown, twice)) {
            assertThat(UpsertWire.decode(payload, 0, payload.length)).isNull();
            assertThat(codec.decode(payload, 0, payload.length))
                    .isEqualTo(EntryMapper.fromMessage(Entry.parseFrom(payload)));
        }
    }

    @Test
    void leavesFieldsOutOfOrderToTheGeneratedParser() throws Exception {
        // Vector with metadata (3) before id (1): valid, not canonical.
        ByteArrayOutputStream vector = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(vector);
        out.writeString(3, "m");
        out.writeString(1, "v");
        out.flush();
        byte[] payload = wrapVector(vector.toByteArray(), "ns");
        assertThat(UpsertWire.decode(payload, 0, payload.length)).isNull();
        assertThat(codec.decode(payload, 0, payload.length))
                .isEqualTo(new WalEntry.Upsert("ns", List.of(new SerializedVector("v", new float[0], "m"))));
    }

    @Test
    void truncatedAndInvalidUtf8UpsertsStillFailAsCodecExceptions() {
        byte[] canonical = codec.encode(new WalEntry.Upsert("ns", List.of(new SerializedVector("v", new float[] {1f, 2f}, "m"))));
        for (int cut = 1; cut < canonical.length; cut++) {
            assertThat(UpsertWire.decode(canonical, 0, cut)).as("cut at %d", cut).isNull();
        }
        byte[] badUtf8 = canonical.clone();
        badUtf8[badUtf8.length - 1] = (byte) 0xFF; // the metadata's one byte
        assertThat(UpsertWire.decode(badUtf8, 0, badUtf8.length)).isNull();
        assertThatThrownBy(() -> codec.decode(badUtf8, 0, badUtf8.length))
                .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void aPackedRunThatIsNotWholeFloatsIsLeftToTheGeneratedParser() {
        // Entry{upsert{vectors{values: 3 bytes}}}
        byte[] payload = {0x0A, 0x07, 0x12, 0x05, 0x12, 0x03, 1, 2, 3};
        assertThat(UpsertWire.decode(payload, 0, payload.length)).isNull();
        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length)).isInstanceOf(CodecException.class);
    }

    private static byte[] wrapVector(byte[] vectorBytes, String namespace) throws Exception {
        ByteArrayOutputStream upsert = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(upsert);
        out.writeString(1, namespace);
        out.writeByteArray(2, vectorBytes);
        out.flush();
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        CodedOutputStream outer = CodedOutputStream.newInstance(entry);
        outer.writeByteArray(1, upsert.toByteArray());
        outer.flush();
        byte[] payload = entry.toByteArray();
        // Sanity: the generated parser agrees it is an upsert.
        assertThat(Entry.parseFrom(payload).getUpsert()).isNotEqualTo(Upsert.getDefaultInstance());
        return payload;
    }

    private static WalEntry.Upsert randomUpsert(SplittableRandom random) {
        int vectors = random.nextInt(4);
        List<SerializedVector> list = new ArrayList<>();
        for (int v = 0; v < vectors; v++) {
            int dimension = random.nextInt(8) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 40 : 1600);
            float[] values = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                // Any 32 bits: NaN payloads, both zeros, subnormals and infinities all turn up.
                values[i] = Float.intBitsToFloat(random.nextInt());
            }
            list.add(new SerializedVector(randomText(random), values, random.nextInt(3) == 0 ? null : randomText(random)));
        }
        return new WalEntry.Upsert(randomText(random), list);
    }

    /** Empty, short, long (two-byte length varints) or non-ASCII text. */
    private static String randomText(SplittableRandom random) {
        switch (random.nextInt(5)) {
            case 0:
                return "";
            case 1:
                return "id-" + random.nextInt(1000);
            case 2:
                return "x".repeat(100 + random.nextInt(300));
            case 3:
                return "vecteur \u00e9\u4e2d\ud83d\ude00 " + random.nextInt(10);
            default:
                return Vector.class.getSimpleName();
        }
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
