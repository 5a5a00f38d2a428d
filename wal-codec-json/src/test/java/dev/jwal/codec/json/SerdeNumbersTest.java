package dev.jwal.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decimal float value reads as serde_json reads it: the correctly rounded double
 * ({@link Double#parseDouble} is the reference here), then rounded to f32.
 */
class SerdeNumbersTest {

    private static float read(String number) {
        try (JsonParser parser = JsonFactories.FACTORY.createParser(number)) {
            parser.nextToken();
            return SerdeNumbers.toFloat32(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertReadsAsDoubleThenFloat(String text) {
        float expected = (float) Double.parseDouble(text);
        assertThat(Float.floatToRawIntBits(read(text))).as(text).isEqualTo(Float.floatToRawIntBits(expected));
    }

    @Test
    void floatTextsReadBackAsTheirDoubleRoundedToFloat() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertReadsAsDoubleThenFloat(Float.toString(value));
                assertReadsAsDoubleThenFloat(Double.toString(value));
            }
        }
    }

    @Test
    void randomDecimalsReadAsTheirDoubleRoundedToFloat() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            text.append(random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(64));
            text.insert(text.length() - random.nextInt(text.length() - (text.charAt(0) == '-' ? 1 : 0)), '.');
            if (text.charAt(text.length() - 1) == '.') {
                text.append('0');
            }
            if (text.charAt(0) == '.' || text.charAt(0) == '-' && text.charAt(1) == '.') {
                text.insert(text.charAt(0) == '-' ? 1 : 0, '0');
            }
            if (random.nextBoolean()) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                        .append(random.nextInt(40));
            }
            assertReadsAsDoubleThenFloat(text.toString());
        }
    }

    @Test
    void decimalsWhereRoundingTwiceDiffersFromRoundingOnceReadTheReferenceWay() {
        // Halfway between two floats plus a little: rounding to double first loses the "little" and then
        // rounds to even; straight to float it would round up. serde_json (and so we) round twice.
        String text = "1.0000000596046447753906251";
        assertThat(read(text)).isEqualTo((float) Double.parseDouble(text)).isNotEqualTo(Float.parseFloat(text));
    }

    @Test
    void usualTextsAndEdgesReadExactly() {
        assertThat(read("0.013690286")).isEqualTo(0.013690286f);
        assertThat(read("1e-7")).isEqualTo(1e-7f);
        assertThat(read("1.0E-5")).isEqualTo(1.0e-5f);
        assertThat(read("1e+5")).isEqualTo(1e5f);
        assertThat(Float.floatToRawIntBits(read("-0.0"))).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(Float.floatToRawIntBits(read("-0"))).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(read("3.4028235e38")).isEqualTo(Float.MAX_VALUE);
        assertThat(read("1e-45")).isEqualTo(Float.MIN_VALUE);
        assertThat(read("1e39")).isInfinite();
        assertThat(read("1e400")).isInfinite();
    }
}
