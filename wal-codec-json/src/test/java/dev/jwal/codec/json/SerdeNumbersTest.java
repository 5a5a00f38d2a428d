package dev.jwal.codec.json;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast decimal path gives exactly the correctly rounded double, or steps aside. */
class SerdeNumbersTest {

    private static double fastPath(String text) {
        return SerdeNumbers.exactQuotientOrNaN(text.toCharArray(), 0, text.length());
    }

    private static void assertAgreesWithParseDouble(String text) {
        double fast = fastPath(text);
        if (!Double.isNaN(fast)) {
            assertThat(Double.doubleToRawLongBits(fast)).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @Test
    void fastPathAgreesWithParseDoubleOnFloatTexts() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertAgreesWithParseDouble(Float.toString(value));
            }
        }
    }

    @Test
    void fastPathAgreesWithParseDoubleOnRandomDecimals() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            text.append(random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(64));
            if (random.nextBoolean()) {
                text.insert(text.length() - random.nextInt(text.length() - (text.charAt(0) == '-' ? 1 : 0)), '.');
                if (text.charAt(text.length() - 1) == '.') {
                    text.append('0');
                }
                if (text.charAt(0) == '.' || text.charAt(0) == '-' && text.charAt(1) == '.') {
                    text.insert(text.charAt(0) == '-' ? 1 : 0, '0');
                }
            }
            if (random.nextBoolean()) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                        .append(random.nextInt(30));
            }
            assertAgreesWithParseDouble(text.toString());
        }
    }

    @Test
    void fastPathCoversTheUsualFloatText() {
        assertThat(fastPath("0.013690286")).isEqualTo(0.013690286);
        assertThat(fastPath("-123456.79")).isEqualTo(-123456.79);
        assertThat(fastPath("1e-7")).isEqualTo(1e-7);
        assertThat(fastPath("1.0E-5")).isEqualTo(1.0e-5);
        assertThat(fastPath("1e+5")).isEqualTo(1e5);
        assertThat(Double.doubleToRawLongBits(fastPath("-0.0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void fastPathStepsAsideWhenItCouldRoundWrongly() {
        assertThat(fastPath("3.4028235e38")).isNaN();
        assertThat(fastPath("1e-45")).isNaN();
        assertThat(fastPath("0.1000000000000000055511151231257827")).isNaN();
        assertThat(fastPath("9007199254740993")).isNaN();
        assertThat(fastPath("1e400")).isNaN();
    }
}
