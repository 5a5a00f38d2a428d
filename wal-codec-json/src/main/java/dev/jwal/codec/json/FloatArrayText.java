package dev.jwal.codec.json;

import tools.jackson.core.io.NumberOutput;
import dev.jwal.api.SerializedVector;

import java.util.Arrays;

/**
 * The JSON text of a vector's values, {@code [1.0,-0.5,3.0E-7]}, built as
 * ASCII bytes in a reused buffer, so the whole array goes to the output in one
 * copy instead of one {@code writeNumber} per float (each of which copies the
 * float's text into the generator's char buffer and then encodes it to bytes
 * again). Each float is Jackson's
 * shortest text that reads back to the same float (its Schubfach writer), exactly what
 * {@code writeNumber(float)} writes under {@code USE_FAST_DOUBLE_WRITER}, except
 * for the one float whose shortest text a double-then-float reader misreads. The
 * digits are written straight into the buffer by Jackson 3's
 * {@link NumberOutput#outputFloat(float, byte[], int)}, the same text as 2.x's
 * {@code NumberOutput.toString(float, true)} for every normal float without a String
 * per float ({@code FloatTextTest} compares the two; subnormals, where they
 * differ, still take 2.x's String).
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

    /**
     * Subnormals (magnitude above zero and below this) go through Jackson 2's String writer: for a few tiny
     * subnormals Jackson 3 writes one digit where Jackson 2 (and the JDK's {@code Float.toString}) write two,
     * {@code 1.0E-45} for {@code 1.4E-45}. Zero and every normal float get the same text from both.
     */
    private static final int MIN_NORMAL_BITS = Float.floatToRawIntBits(Float.MIN_NORMAL);
    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

    private byte[] text = new byte[2 + 128 * MAX_CHARS_PER_VALUE];
    private int length;

    /**
     * Replaces the text with the values of {@code vector}. {@link Encodability} refuses non-finite values
     * before a payload is written; for display only, they are written as the JSON strings {@code "NaN"},
     * {@code "Infinity"} and {@code "-Infinity"}.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy of ASCII text, no encoder
    void set(SerializedVector vector) {
        int dimension = vector.dimension();
        int needed = 2 + dimension * MAX_CHARS_PER_VALUE;
        if (needed > text.length) {
            text = Arrays.copyOf(text, Math.max(needed, text.length * 2));
        }
        byte[] out = text;
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < dimension; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            float value = vector.value(i);
            int magnitude = Float.floatToRawIntBits(value) & 0x7fffffff;
            if ((magnitude == 0 || magnitude >= MIN_NORMAL_BITS) && magnitude < INFINITY_BITS
                    && magnitude != MISREAD_MAGNITUDE_BITS) {
                at = NumberOutput.outputFloat(value, out, at); // zero or normal: Jackson 2's text, into the bytes
                continue;
            }
            String digits = !Float.isFinite(value) ? nonFinite(value)
                    : magnitude == MISREAD_MAGNITUDE_BITS ? (value < 0 ? "-" : "") + MISREAD_TEXT
                    : com.fasterxml.jackson.core.io.NumberOutput.toString(value, true);
            digits.getBytes(0, digits.length(), out, at);
            at += digits.length();
        }
        out[at++] = ']';
        length = at;
    }

    private static String nonFinite(float value) {
        return Float.isNaN(value) ? "\"NaN\"" : value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }

    /** The buffer holding the text, ASCII, from index 0. */
    byte[] bytes() {
        return text;
    }

    /** The length of the text. */
    int length() {
        return length;
    }

    /** The buffer's size in bytes. */
    int capacity() {
        return text.length;
    }
}
