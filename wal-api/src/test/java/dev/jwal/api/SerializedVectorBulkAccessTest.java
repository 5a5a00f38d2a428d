package dev.jwal.api;

import org.junit.jupiter.api.Test;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The no-copy accessors codecs use: bulk copies out and in that keep every bit and never share the array. */
class SerializedVectorBulkAccessTest {
    /** Signalling and quiet NaNs with payloads, both zeros, infinities, a subnormal, ordinary values. */
    private static final int[] EDGE_BITS = {
            0x7FC00000, 0x7FA00001, 0xFF812345, 0x7F800001, 0xFFFFFFFF,
            0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x00000001, 0x3F800000, 0xBDCCCCCD};

    private static float[] edgeValues() {
        float[] values = new float[EDGE_BITS.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(EDGE_BITS[i]);
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

    @Test
    void writeValuesToKeepsEveryBitInBothByteOrders() {
        SerializedVector vector = SerializedVector.of("v", edgeValues());
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * EDGE_BITS.length + 3).order(order);
            bytes.position(3); // unaligned, as a field inside a payload is
            FloatBuffer view = bytes.slice().order(order).asFloatBuffer();
            vector.writeValuesTo(view);
            assertThat(view.position()).isEqualTo(EDGE_BITS.length);
            for (int i = 0; i < EDGE_BITS.length; i++) {
                assertThat(bytes.getInt(3 + 4 * i)).as("%s value %d", order, i).isEqualTo(EDGE_BITS[i]);
            }
        }
    }

    @Test
    void writeValuesToWritesNothingWhenTheBufferIsTooSmall() {
        FloatBuffer small = FloatBuffer.allocate(2);
        assertThatThrownBy(() -> SerializedVector.of("v", 1f, 2f, 3f).writeValuesTo(small))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
        assertThat(small.array()).containsExactly(0f, 0f);
    }

    @Test
    void writeValuesToRefusesAReadOnlyBuffer() {
        assertThatThrownBy(() -> SerializedVector.of("v", 1f).writeValuesTo(FloatBuffer.allocate(1).asReadOnlyBuffer()))
                .isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void copyValuesToCopiesAtTheOffsetBitForBit() {
        SerializedVector vector = SerializedVector.of("v", edgeValues());
        float[] dst = new float[EDGE_BITS.length + 2];
        vector.copyValuesTo(dst, 1);
        float[] copied = java.util.Arrays.copyOfRange(dst, 1, 1 + EDGE_BITS.length);
        assertThat(rawBits(copied)).containsExactly(EDGE_BITS);
        dst[1] = 42f;
        assertThat(vector.value(0)).as("the vector does not share the destination").isNaN();
    }

    @Test
    void copyValuesToRefusesARangeOutsideTheArray() {
        SerializedVector vector = SerializedVector.of("v", 1f, 2f);
        float[] dst = new float[3];
        assertThatThrownBy(() -> vector.copyValuesTo(dst, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vector.copyValuesTo(dst, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(dst).containsExactly(0f, 0f, 0f);
    }

    @Test
    void fromBufferReadsTheRemainingFloatsBitForBitInBothByteOrders() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer bytes = ByteBuffer.allocate(1 + 4 * EDGE_BITS.length).order(order);
            for (int i = 0; i < EDGE_BITS.length; i++) {
                bytes.putInt(1 + 4 * i, EDGE_BITS[i]);
            }
            bytes.position(1);
            FloatBuffer view = bytes.slice().order(order).asFloatBuffer();
            SerializedVector vector = SerializedVector.fromBuffer("v", view, "m");
            assertThat(view.hasRemaining()).isFalse();
            assertThat(rawBits(vector.values())).as("%s", order).containsExactly(EDGE_BITS);
            assertThat(vector.id()).isEqualTo("v");
            assertThat(vector.metadata()).isEqualTo("m");
        }
    }

    @Test
    void fromBufferDoesNotShareTheBuffersArray() {
        float[] backing = {1f, 2f};
        FloatBuffer buffer = FloatBuffer.wrap(backing);
        SerializedVector vector = SerializedVector.fromBuffer("v", buffer, null);
        backing[0] = 9f;
        buffer.clear().put(1, 9f);
        assertThat(vector.values()).containsExactly(1f, 2f);
        assertThat(vector).isEqualTo(SerializedVector.of("v", 1f, 2f));
    }

    @Test
    void fromBufferOfAnEmptyBufferIsAnEmptyVector() {
        assertThat(SerializedVector.fromBuffer("v", FloatBuffer.allocate(0), null)).isEqualTo(SerializedVector.of("v"));
    }

    @Test
    void fromBufferRefusesANullId() {
        assertThatThrownBy(() -> SerializedVector.fromBuffer(null, FloatBuffer.allocate(1), null))
                .isInstanceOf(NullPointerException.class);
    }
}
