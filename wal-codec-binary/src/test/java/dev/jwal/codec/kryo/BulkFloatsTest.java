package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk float path writes and reads the very bytes of Kryo's per-int
 * little-endian layout (format version 1), for every bit pattern and at any
 * buffer position, growing the buffer when needed.
 */
class BulkFloatsTest {
    private final KryoEntryCodec codec = new KryoEntryCodec();

    @Test
    void bulkWritingMatchesAPerFloatWriteIntLoop() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 500; round++) {
            SerializedVector vector = SerializedVector.of("v", randomBits(random, random.nextInt(2000)));
            int lead = random.nextInt(7); // any alignment
            EntryOutput bulk = new EntryOutput(16); // small: the values make it grow
            Output perFloat = new Output(16, -1);
            writeBothWays(bulk, perFloat, lead, vector);
            assertThat(bulk.toBytes()).as("round %d, %d floats after %d bytes", round, vector.dimension(), lead)
                    .isEqualTo(perFloat.toBytes());
        }
    }

    @Test
    void oneReusedOutputWritesTheSameBytesAfterItsBufferGrewAndWasDropped() {
        // As a pooled session uses it: reset between entries, the buffer growing and (like
        // KryoSession.reset) replaced by a small one, values at every byte alignment.
        SplittableRandom random = new SplittableRandom(11);
        EntryOutput bulk = new EntryOutput(16);
        for (int round = 0; round < 400; round++) {
            bulk.reset();
            if (random.nextInt(10) == 0) {
                bulk.setBuffer(new byte[16], -1);
            }
            Output perFloat = new Output(16, -1);
            for (int v = 0; v < 3; v++) {
                SerializedVector vector = SerializedVector.of("v", randomBits(random, random.nextInt(600)));
                writeBothWays(bulk, perFloat, random.nextInt(Float.BYTES + 1), vector);
            }
            assertThat(bulk.toBytes()).as("round %d", round).isEqualTo(perFloat.toBytes());
        }
    }

    @Test
    void bulkReadingMatchesKryosReadInts() {
        SplittableRandom random = new SplittableRandom(8);
        for (int round = 0; round < 500; round++) {
            float[] values = randomBits(random, random.nextInt(2000));
            Output output = new Output(16, -1);
            output.writeByte(1);
            Fields.writeCount(output, values.length);
            for (float value : values) {
                output.writeInt(Float.floatToRawIntBits(value));
            }
            byte[] bytes = output.toBytes();
            Input input = new Input(bytes, 1, bytes.length - 1);
            SerializedVector read = SerializedVector.fromBuffer("v", Fields.skipFloats(input, "values"), null);
            assertThat(input.position()).isEqualTo(bytes.length);
            assertThat(rawBits(read.values())).isEqualTo(rawBits(values));
        }
    }

    @Test
    void roundTripsEveryBitPatternThroughTheCodec() {
        SplittableRandom random = new SplittableRandom(9);
        for (int round = 0; round < 200; round++) {
            float[] values = randomBits(random, random.nextInt(1600));
            WalEntry.Upsert entry = new WalEntry.Upsert("ns", List.of(new SerializedVector("v", values, "m"),
                    SerializedVector.of("w", randomBits(random, 3))));
            byte[] payload = codec.encode(entry);
            WalEntry.Upsert decoded = (WalEntry.Upsert) codec.decode(payload, 0, payload.length);
            assertThat(decoded).isEqualTo(entry);
            assertThat(rawBits(decoded.vectors().get(0).values())).isEqualTo(rawBits(values));
        }
    }

    private static float[] randomBits(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = Float.intBitsToFloat(random.nextInt());
        }
        return values;
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /**
     * Writes {@code lead} bytes, then the vector's values: in bulk to {@code bulk}, and as the count and a
     * {@code writeInt} per float to {@code perFloat}, the way the format was first written.
     */
    private static void writeBothWays(EntryOutput bulk, Output perFloat, int lead, SerializedVector vector) {
        for (int i = 0; i < lead; i++) {
            bulk.writeByte(i);
            perFloat.writeByte(i);
        }
        Fields.writeFloats(bulk, vector);
        Fields.writeCount(perFloat, vector.dimension());
        for (int i = 0; i < vector.dimension(); i++) {
            perFloat.writeInt(Float.floatToRawIntBits(vector.value(i)));
        }
    }
}
