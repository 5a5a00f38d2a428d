package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.error.CodecException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Reads and writes the fields of the kryo format, checking every length read
 * from untrusted bytes against the bytes left before anything is allocated.
 * Stateless.
 *
 * <p>Field encodings (format version 1):
 * <ul>
 *   <li>text: Kryo's string ({@link Output#writeString}), which holds any Java
 *       string, unpaired surrogates included, and tells null from empty;</li>
 *   <li>count: an unsigned varint ({@link Output#writeVarInt(int, boolean)});</li>
 *   <li>floats: a count, then each value's raw IEEE 754 bits as a little-endian
 *       int ({@link Float#floatToRawIntBits}), so NaN payloads survive; written
 *       and read in one bulk copy through a little-endian
 *       {@link java.nio.FloatBuffer} view, which moves the same bytes a
 *       per-float {@link Output#writeInt(int)} loop would;</li>
 *   <li>unsigned 64-bit numbers: Kryo's varlong of the bits
 *       ({@link Output#writeVarLong(long, boolean)}).</li>
 * </ul>
 */
final class Fields {
    private Fields() {
    }

    static void writeText(Output output, String text) {
        output.writeString(text);
    }

    /** @throws CodecException if the text is absent (null) or its length does not fit in the bytes left */
    static String readText(Input input, String field) {
        return readText(input, field, -1, null);
    }

    /**
     * {@link #readText(Input, String)} for a field of the {@code index}th item of a list, named
     * {@code item index part} in messages (built only on failure, never per item read).
     */
    static String readText(Input input, String item, int index, String part) {
        String text = readOptionalText(input, item, index, part);
        if (text == null) {
            throw new CodecException(name(item, index, part) + " is null, which only metadata may be");
        }
        return text;
    }

    /** @throws CodecException if the text's length does not fit in the bytes left */
    static String readOptionalText(Input input, String field) {
        return readOptionalText(input, field, -1, null);
    }

    /** {@link #readOptionalText(Input, String)} for a field of the {@code index}th item of a list. */
    static String readOptionalText(Input input, String item, int index, String part) {
        int start = input.position();
        if (input.readVarIntFlag()) {
            // Kryo's UTF-8 form: a char count + 1 (0 = null), then at least one byte per char.
            int countPlusOne = input.readVarIntFlag(true);
            if (countPlusOne < 0 || countPlusOne - 1 > remaining(input)) {
                throw new CodecException(name(item, index, part) + " claims " + Integer.toUnsignedString(countPlusOne - 1)
                        + " chars but only " + remaining(input) + " bytes are left");
            }
            input.setPosition(start);
        }
        // The ASCII form ends at the first byte with its high bit set: bounded by the bytes left.
        return input.readString();
    }

    /** A field's name in messages: {@code item}, or {@code item index part} for a field of a list's item. */
    private static String name(String item, int index, String part) {
        return index < 0 ? item : item + " " + index + (part.isEmpty() ? "" : " " + part);
    }

    static void writeCount(Output output, int count) {
        output.writeVarInt(count, true);
    }

    /**
     * A count of items that take at least {@code minBytesEach} bytes each.
     *
     * @throws CodecException if the count is negative or the items cannot fit in the bytes left
     */
    static int readCount(Input input, int minBytesEach, String field) {
        return readCount(input, minBytesEach, field, -1, null);
    }

    private static int readCount(Input input, int minBytesEach, String item, int index, String part) {
        int count = input.readVarInt(true);
        if (count < 0 || (long) count * minBytesEach > remaining(input)) {
            throw new CodecException(name(item, index, part) + " claims " + Integer.toUnsignedString(count)
                    + " items of at least " + minBytesEach + " bytes but only " + remaining(input) + " bytes are left");
        }
        return count;
    }

    /**
     * Writes a vector's value count and each value's raw bits (4 bytes each,
     * little-endian) without copying the values first: in bulk into an
     * {@link EntryOutput} (what the codec's sessions use), one by one into any
     * other Output; the bytes are the same.
     */
    static void writeFloats(Output output, SerializedVector vector) {
        int dimension = vector.dimension();
        writeCount(output, dimension);
        if (output instanceof EntryOutput bulk) {
            bulk.writeValues(vector);
        } else {
            for (int i = 0; i < dimension; i++) {
                output.writeInt(Float.floatToRawIntBits(vector.value(i)));
            }
        }
    }

    /**
     * Reads a value count and skips the values, returning a little-endian view
     * of them over the input's buffer (valid while that buffer is), for
     * {@link SerializedVector#fromBuffer} to copy once the fields after them
     * are read.
     *
     * @throws CodecException if the count does not fit in the bytes left
     */
    static FloatBuffer skipFloats(Input input, String field) {
        return skipFloats(input, field, -1, null);
    }

    /** {@link #skipFloats(Input, String)} for the field {@code part} of the {@code index}th {@code item}. */
    static FloatBuffer skipFloats(Input input, String item, int index, String part) {
        int count = readCount(input, Float.BYTES, item, index, part);
        int start = input.position();
        int bytes = count * Float.BYTES; // readCount checked it fits in the bytes left
        input.setPosition(start + bytes);
        return ByteBuffer.wrap(input.getBuffer(), start, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    static void writeUnsignedLong(Output output, long value) {
        output.writeVarLong(value, true);
    }

    static long readUnsignedLong(Input input) {
        return input.readVarLong(true);
    }

    private static int remaining(Input input) {
        return input.limit() - input.position();
    }
}
