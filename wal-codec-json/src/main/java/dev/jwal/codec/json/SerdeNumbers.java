package dev.jwal.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigInteger;

/**
 * Converts the parser's current number token the way serde_json does, so that
 * we read exactly the values the reference reads. Stateless.
 *
 * <p>serde_json turns a JSON number into a u64 (a non-negative integer that
 * fits), an i64 (a negative integer that fits) or an f64 (anything else,
 * including {@code -0}, a fraction or an exponent), and serde converts that to
 * the field's type: {@code as f32} for a float field, so an integer rounds
 * straight to f32 while a decimal rounds to f64 first and then to f32; a u64
 * field takes only the u64 kind.
 */
final class SerdeNumbers {
    /** Powers of ten that a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** The largest integer below which every integer is a double exactly. */
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private SerdeNumbers() {
    }

    /**
     * The f32 a float field gets from the current number token; infinite when
     * the number is out of the float range (the reference would keep that
     * infinity and lose the entry later).
     */
    static float toFloat32(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = exactQuotientOrNaN(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            return (float) (value == value ? value : parser.getDoubleValue());
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            long value = parser.getLongValue();
            if (value == 0 && isNegative(parser)) {
                return -0.0f; // serde_json reads "-0" as the f64 -0.0
            }
            return value; // u64 or i64 as f32: one correct rounding, as in Rust
        }
        BigInteger value = parser.getBigIntegerValue();
        if (value.signum() > 0 && value.bitLength() <= 64) {
            return value.floatValue(); // a u64 above i64's range: still one rounding
        }
        return (float) value.doubleValue(); // beyond u64 or i64: serde_json makes it an f64 first
    }

    /** Whether the current integer token is a u64 to serde: non-negative, not {@code -0}, below 2^64. */
    static boolean isUnsigned64(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            long value = parser.getLongValue();
            return value > 0 || value == 0 && !isNegative(parser);
        }
        BigInteger value = parser.getBigIntegerValue();
        return value.signum() >= 0 && value.bitLength() <= 64;
    }

    /** The current token's u64 held in a long (2^63 and above appear negative); call after {@link #isUnsigned64}. */
    static long unsigned64(JsonParser parser) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            return parser.getLongValue();
        }
        return parser.getBigIntegerValue().longValue();
    }

    /**
     * The correctly rounded double of a JSON number's text when Clinger's fast
     * path applies, else NaN: when the digits, without the point, form an
     * integer below 2^53 and the decimal exponent is at most 22 in magnitude,
     * both are exact doubles and one IEEE multiplication or division rounds
     * correctly. That holds for the text of nearly every float (at most nine
     * digits), and avoids the general parser's cost.
     *
     * @param text a valid JSON number, as Jackson has checked
     */
    static double exactQuotientOrNaN(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = text[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int scale = 0;
        int digitCount = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                if (++digitCount > 18) {
                    return Double.NaN; // might not be below 2^53
                }
                digits = digits * 10 + (c - '0');
                if (fraction) {
                    scale--;
                }
            } else if (c == '.') {
                fraction = true;
            } else {
                break; // 'e' or 'E'
            }
        }
        if (i < end) {
            i++; // the 'e'
            boolean negativeExponent = text[i] == '-';
            if (negativeExponent || text[i] == '+') {
                i++;
            }
            if (end - i > 3) {
                return Double.NaN;
            }
            int exponent = 0;
            for (; i < end; i++) {
                exponent = exponent * 10 + (text[i] - '0');
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        double value = exactQuotientOrNaN(digits, scale);
        return negative ? -value : value;
    }

    /**
     * The correctly rounded double of {@code digits * 10^scale} when Clinger's
     * fast path applies ({@code 0 <= digits < 2^53}, {@code |scale| <= 22}), else NaN.
     */
    static double exactQuotientOrNaN(long digits, int scale) {
        if (digits < 0 || digits >= MAX_EXACT_INTEGER || scale < -22 || scale > 22) {
            return Double.NaN;
        }
        return scale < 0 ? digits / EXACT_POWERS_OF_TEN[-scale] : digits * EXACT_POWERS_OF_TEN[scale];
    }

    private static boolean isNegative(JsonParser parser) throws IOException {
        return parser.getTextLength() > 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-';
    }
}
