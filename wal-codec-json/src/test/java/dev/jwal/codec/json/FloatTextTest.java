package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values array is Jackson 2's fast float text ({@code NumberOutput.toString(float, true)}, what
 * {@code writeNumber(float)} writes under {@code USE_FAST_DOUBLE_WRITER}), now written into bytes by Jackson 3:
 * the same text for every float checked, and the same bits read back. {@code -Djwal.json.floats.exhaustive=true}
 * checks all 2^32 bit patterns (minutes).
 */
class FloatTextTest {
    private static final int MISREAD_MAGNITUDE_BITS = 0x15ae43fd;

    /** The values array as written, and as Jackson 2's String writer would write it. */
    private static void assertSameTextAsJackson2(float[] values) {
        FloatArrayText text = new FloatArrayText();
        text.set(new SerializedVector("v", values, null));
        String written = new String(text.bytes(), 0, text.length(), StandardCharsets.US_ASCII);
        StringBuilder expected = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            expected.append(i == 0 ? "" : ",");
            boolean misread = (Float.floatToRawIntBits(values[i]) & 0x7fffffff) == MISREAD_MAGNITUDE_BITS;
            expected.append(misread ? (values[i] < 0 ? "-" : "") + "7.0385307e-26"
                    : com.fasterxml.jackson.core.io.NumberOutput.toString(values[i], true));
        }
        assertThat(written).isEqualTo(expected.append(']').toString());
    }

    private static float[] finiteRandomFloats(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            float value;
            do {
                value = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(value));
            values[i] = value;
        }
        return values;
    }

    @Test
    void randomBitPatternsGetJackson2sText() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int round = 0; round < 100; round++) {
            assertSameTextAsJackson2(finiteRandomFloats(random, 10_000));
        }
    }

    @Test
    void valuesOfEmbeddingsGetJackson2sText() {
        SplittableRandom random = new SplittableRandom(5);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        assertSameTextAsJackson2(values);
    }

    @Test
    void edgeValuesAndEveryPowerOfTwoGetJackson2sText() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL),
                Float.MAX_VALUE, -Float.MAX_VALUE, 1e-7f, 1e-3f, 1e7f, 9999999f, 1e13f, 16777216f, 0.1f, 123456.79f,
                Float.intBitsToFloat(MISREAD_MAGNITUDE_BITS), -Float.intBitsToFloat(MISREAD_MAGNITUDE_BITS)};
        assertSameTextAsJackson2(edges);
        float[] powers = new float[2 * 277];
        for (int e = -149; e <= 127; e++) {
            powers[2 * (e + 149)] = Math.scalb(1f, e);
            powers[2 * (e + 149) + 1] = Math.nextDown(Math.scalb(1f, e));
        }
        assertSameTextAsJackson2(powers);
    }

    @Test
    void subnormalsGetJackson2sText() {
        float[] smallest = new float[2 * 4096];
        for (int i = 0; i < 4096; i++) {
            smallest[2 * i] = Float.intBitsToFloat(i + 1);
            smallest[2 * i + 1] = -Float.intBitsToFloat(i + 1);
        }
        assertSameTextAsJackson2(smallest);
        SplittableRandom random = new SplittableRandom(45);
        float[] anywhere = new float[100_000];
        for (int i = 0; i < anywhere.length; i++) {
            anywhere[i] = Float.intBitsToFloat(random.nextInt(1, 1 << 23));
        }
        assertSameTextAsJackson2(anywhere);
    }

    @Test
    @EnabledIfSystemProperty(named = "jwal.json.floats.exhaustive", matches = "true") // all 2^32 floats: minutes
    void everyFloatGetsJackson2sText() {
        float[] chunk = new float[1 << 16];
        for (long high = 0; high < 1L << 16; high++) {
            int n = 0;
            for (int low = 0; low < 1 << 16; low++) {
                float value = Float.intBitsToFloat((int) (high << 16 | low));
                if (Float.isFinite(value)) {
                    chunk[n++] = value;
                }
            }
            float[] values = new float[n];
            System.arraycopy(chunk, 0, values, 0, n);
            assertSameTextAsJackson2(values);
        }
    }
}
