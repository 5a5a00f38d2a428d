package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.SerializedVector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A Kryo {@link Output} that also writes a vector's values in one bulk copy.
 * The bytes are exactly those of {@code writeInt(Float.floatToRawIntBits(v))}
 * for each value (Kryo writes ints little-endian), so the format does not
 * change; only the per-float loop goes. Not thread safe, like any Output.
 *
 * <p>The copy goes through little-endian {@link FloatBuffer} views of the
 * buffer, one per byte alignment (a view starting at byte 0, 1, 2 and 3), so
 * that values starting at any byte position are one view's whole floats. The
 * views are kept and made again only when the buffer array changes (it grew,
 * or a session dropped an oversized one), so writing values allocates nothing.
 */
final class EntryOutput extends Output {
    /** The little-endian float views of {@link #viewed}; {@code views[k]} starts at byte {@code k}. */
    private final FloatBuffer[] views = new FloatBuffer[Float.BYTES];
    /** The buffer array {@link #views} are over, or null before the first vector. */
    private byte[] viewed;

    /** A buffer of {@code initialSize} bytes that grows without limit. */
    EntryOutput(int initialSize) {
        super(initialSize, -1);
    }

    /**
     * Writes each value's raw IEEE 754 bits as a 4-byte little-endian int, in
     * order, through a little-endian {@link FloatBuffer} view of the buffer: a
     * memory copy on little-endian machines, a byte-swapping copy elsewhere;
     * either way every bit pattern is kept.
     */
    void writeValues(SerializedVector vector) {
        int bytes = Math.multiplyExact(vector.dimension(), Float.BYTES);
        if (bytes == 0) {
            return;
        }
        require(bytes);
        FloatBuffer view = viewAt(position);
        int index = position / Float.BYTES; // the view starting at byte position % 4 holds the float at byte position here
        view.limit(index + vector.dimension()).position(index);
        vector.writeValuesTo(view);
        position += bytes;
    }

    /** The view whose floats start at byte positions congruent to {@code position} mod 4, over the current buffer. */
    private FloatBuffer viewAt(int position) {
        if (viewed != buffer) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < views.length; k++) {
                views[k] = bytes.position(Math.min(k, buffer.length)).asFloatBuffer();
            }
            viewed = buffer;
        }
        return views[position % Float.BYTES];
    }

    /** Forgets the views (for a session dropping its buffer, so the old array is not kept alive). */
    @Override
    public void setBuffer(byte[] buffer, int maxBufferSize) {
        super.setBuffer(buffer, maxBufferSize);
        if (viewed != null) { // null also while Output's constructor runs, before the fields are set
            Arrays.fill(views, null);
            viewed = null;
        }
    }
}
