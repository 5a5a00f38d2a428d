package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.SerializedVector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A Kryo {@link Output} that also writes a vector's values in one bulk copy.
 * The bytes are exactly those of {@code writeInt(Float.floatToRawIntBits(v))}
 * for each value (Kryo writes ints little-endian), so the format does not
 * change; only the per-float loop goes. Not thread safe, like any Output.
 */
final class EntryOutput extends Output {
    /** A buffer of {@code initialSize} bytes that grows without limit. */
    EntryOutput(int initialSize) {
        super(initialSize, -1);
    }

    /**
     * Writes each value's raw IEEE 754 bits as a 4-byte little-endian int, in
     * order, through a little-endian {@link java.nio.FloatBuffer} view of the
     * buffer: a memory copy on little-endian machines, a byte-swapping copy
     * elsewhere; either way every bit pattern is kept.
     */
    void writeValues(SerializedVector vector) {
        int bytes = Math.multiplyExact(vector.dimension(), Float.BYTES);
        if (bytes == 0) {
            return;
        }
        require(bytes);
        vector.writeValuesTo(ByteBuffer.wrap(buffer, position, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        position += bytes;
    }
}
