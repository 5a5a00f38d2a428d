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
    private SerdeNumbers() {
    }

    /**
     * The f32 a float field gets from the current number token; infinite when
     * the number is out of the float range (the reference would keep that
     * infinity and lose the entry later).
     */
    static float toFloat32(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            // The correctly rounded double (Jackson's FastDoubleParser under USE_FAST_DOUBLE_PARSER), then
            // rounded again to f32: serde's "as f32". Not getFloatValue(), which rounds once, straight to f32.
            return (float) parser.getDoubleValue();
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

    private static boolean isNegative(JsonParser parser) throws IOException {
        return parser.getTextLength() > 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-';
    }
}
