package dev.jwal.codec.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.jwal.api.SerializedVector;

import java.util.Arrays;

/**
 * The JSON text of a vector's values, {@code [1.0,-0.5,3.0E-7]}, built in a
 * reused char buffer so the generator can take the whole array in one
 * {@link com.fasterxml.jackson.core.JsonGenerator#writeRawValue(char[], int, int)}
 * call instead of one {@code writeNumber} per float. Each float is Jackson's
 * shortest text that reads back to the same float (its Schubfach writer,
 * {@link NumberOutput#toString(float, boolean)}), exactly what
 * {@code writeNumber(float)} writes under {@code USE_FAST_DOUBLE_WRITER}, except
 * for the one float whose shortest text a double-then-float reader misreads.
 * Not thread safe: part of an {@link EncodeScratch}.
 */
final class FloatArrayText {
    /** The longest float text, {@code -1.17549435E-38}, and a comma. */
    private static final int MAX_CHARS_PER_VALUE = 16;

    /**
     * The one float whose shortest text does not survive the reference's way of reading a float (as the
     * nearest double, then the nearest float to that): {@code 7.038531e-26} reads back as the next float.
     * Found by checking every float; it is written with one more digit.
     */
    private static final int MISREAD_MAGNITUDE_BITS = 0x15ae43fd;
    private static final String MISREAD_TEXT = "7.0385307e-26";

    private char[] text = new char[2 + 128 * MAX_CHARS_PER_VALUE];
    private int length;

    /** Replaces the text with the values of {@code vector}; all finite, as {@link Encodability} checked. */
    void set(SerializedVector vector) {
        int dimension = vector.dimension();
        int needed = 2 + dimension * MAX_CHARS_PER_VALUE;
        if (needed > text.length) {
            text = Arrays.copyOf(text, Math.max(needed, text.length * 2));
        }
        char[] out = text;
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < dimension; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            float value = vector.value(i);
            String digits = (Float.floatToRawIntBits(value) & 0x7fffffff) == MISREAD_MAGNITUDE_BITS
                    ? (value < 0 ? "-" : "") + MISREAD_TEXT
                    : NumberOutput.toString(value, true);
            digits.getChars(0, digits.length(), out, at);
            at += digits.length();
        }
        out[at++] = ']';
        length = at;
    }

    /** The buffer holding the text from index 0. */
    char[] chars() {
        return text;
    }

    /** The length of the text. */
    int length() {
        return length;
    }

    /** The buffer's size in chars. */
    int capacity() {
        return text.length;
    }
}
