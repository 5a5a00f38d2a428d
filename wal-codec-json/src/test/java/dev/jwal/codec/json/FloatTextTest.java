package dev.jwal.codec.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Float text reads back to the same bits, the way the reference reads it, in the reference's layout. */
class FloatTextTest {

    private static String format(float value) {
        char[] out = new char[FloatText.MAX_LENGTH + 3];
        out[0] = 'x';
        out[1] = 'x';
        int end = FloatText.format(value, out, 2);
        assertThat(end - 2).isLessThanOrEqualTo(FloatText.MAX_LENGTH);
        return new String(out, 2, end - 2);
    }

    private static String formatWithSchubfach(float value) {
        char[] out = new char[32];
        return new String(out, 0, SchubfachFloatText.format(value, out));
    }

    /** How the reference reads a float: serde_json parses an f64, then casts to f32. */
    private static float readAsReference(String text) {
        return (float) Double.parseDouble(text);
    }

    @ParameterizedTest
    @CsvSource({
            "1.0, 1.0", "-0.0, -0.0", "0.0, 0.0", "100.0, 100.0", "0.5, 0.5", "-1.0, -1.0",
            "0.1, 0.1", "0.001, 0.001", "1.0E-4, 0.0001", "1.0E-5, 0.00001", "1.0E-6, 0.000001", "1.5E-6, 0.0000015",
            "1.0E-7, 1e-7", "1.5E-7, 1.5e-7", "1.0E7, 10000000.0", "1.0E12, 1000000000000.0", "1.0E13, 1e13",
            "9.999999E12, 9999999000000.0", "1.0E16, 1e16", "1.5E30, 1.5e30", "3.4028235E38, 3.4028235e38",
            "-3.4028235E38, -3.4028235e38", "1.17549435E-38, 1.1754944e-38", "1.4E-45, 1e-45", "-1.4E-45, -1e-45",
            "123456.79, 123456.79", "1.6777216E7, 16777216.0", "1.2345678E7, 12345678.0", "6.0221406E23, 6.0221406e23",
            "1.6E-19, 1.6e-19", "0.33333334, 0.33333334"})
    void writesTheReferencesText(float value, String expected) {
        assertThat(format(value)).isEqualTo(expected);
    }

    @Test
    void randomFloatsReadBackToTheSameBitsUnderTheReferencesRules() {
        SplittableRandom random = new SplittableRandom(20240611);
        for (int i = 0; i < 300_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                String text = format(value);
                assertThat(Float.floatToRawIntBits(readAsReference(text))).as(text).isEqualTo(Float.floatToRawIntBits(value));
                assertThat(Float.floatToRawIntBits(Float.parseFloat(text))).as(text).isEqualTo(Float.floatToRawIntBits(value));
            }
        }
    }

    /**
     * Our text equals the oracle's (ryu's digits and layout, found another way)
     * whenever that text reads back through a double; otherwise ours has more
     * digits and does read back.
     */
    private static void assertSameAsOracleOrLongerAndReadsBack(float value) {
        String text = format(value);
        String oracle = formatWithSchubfach(value);
        if (text.equals(oracle)) {
            return;
        }
        int bits = Float.floatToRawIntBits(value);
        assertThat(Float.floatToRawIntBits(readAsReference(oracle))).as("bits %08x: oracle %s reads back, yet we wrote %s", bits, oracle, text)
                .isNotEqualTo(bits);
        assertThat(Float.floatToRawIntBits(readAsReference(text))).as("bits %08x: %s", bits, text).isEqualTo(bits);
        assertThat(significantDigits(text)).as("bits %08x: %s", bits, text).isGreaterThan(significantDigits(oracle));
    }

    @Test
    void randomFloatsGiveTheSameTextAsAnIndependentSchubfachBasedFormatter() {
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 300_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertSameAsOracleOrLongerAndReadsBack(value);
            }
        }
    }

    @Test
    void everySubnormalAndEveryFloatOfSomeBinadesGiveTheSameTextAsSchubfach() {
        // All subnormals (the least regular case), and every float in [1, 2), [2^-20, 2^-19) and [2^60, 2^61).
        int[][] ranges = {{1, 0x00800000}, {0x3f800000, 0x40000000}, {0x35800000, 0x36000000}, {0x5d800000, 0x5e000000}};
        for (int[] range : ranges) {
            for (int bits = range[0]; bits < range[1]; bits += 11) {
                assertSameAsOracleOrLongerAndReadsBack(Float.intBitsToFloat(bits));
            }
        }
    }

    @Test
    void shortestTextThatWouldReadBackAsTheNextFloatThroughADoubleGetsMoreDigits() {
        // ryu (and so the reference) writes 7.038531e-26 for this float; read as a double and then
        // narrowed, as serde_json reads an f32, that is the float after it.
        float value = Float.intBitsToFloat(0x15ae43fd);
        assertThat(Float.floatToRawIntBits((float) Double.parseDouble("7.038531e-26"))).isEqualTo(0x15ae43fe);

        assertThat(format(value)).isEqualTo("7.0385307e-26");
        assertThat(Float.floatToRawIntBits(readAsReference(format(value)))).isEqualTo(0x15ae43fd);
    }

    @Test
    void textIsNeverLongerThanJavasWhenJavasReadsBackThroughADouble() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value) && value != 0) {
                String java = Float.toString(value);
                int digits = significantDigits(format(value));
                assertThat(digits).as("%s", value).isLessThanOrEqualTo(9);
                if (readAsReference(java) == value) {
                    assertThat(digits).as("%s", value).isLessThanOrEqualTo(significantDigits(java));
                }
            }
        }
    }

    @Test
    void powersOfTwoAndTenAndTheirNeighboursReadBack() {
        for (int exponent = -149; exponent <= 127; exponent++) {
            assertReadsBack((float) Math.scalb(1.0, exponent));
        }
        for (int exponent = -45; exponent <= 38; exponent++) {
            float power = (float) Math.pow(10, exponent);
            assertReadsBack(power);
            assertReadsBack(Math.nextUp(power));
            assertReadsBack(Math.nextDown(power));
        }
        assertReadsBack(Float.MIN_VALUE);
        assertReadsBack(Float.MIN_NORMAL);
        assertReadsBack(Math.nextDown(Float.MIN_NORMAL));
        assertReadsBack(Float.MAX_VALUE);
    }

    @Test
    void textIsAlwaysAJsonNumberWithAPointOrAnExponent() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertThat(format(value)).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+|(\\.[0-9]+)?e-?[0-9]+)");
            }
        }
    }

    private static void assertReadsBack(float value) {
        String text = format(value);
        assertThat(Float.floatToRawIntBits(readAsReference(text))).as(text).isEqualTo(Float.floatToRawIntBits(value));
        assertThat(Float.floatToRawIntBits(readAsReference("-" + text))).as(text).isEqualTo(Float.floatToRawIntBits(-value));
    }

    private static int significantDigits(String text) {
        String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return mantissa.length();
    }
}
