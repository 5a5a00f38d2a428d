package dev.jwal.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Every float the codec writes reads back to the same bits the way the reference reads it: double, then float. */
class FloatOutputTest {
    private static final JsonEntryCodec CODEC = new JsonEntryCodec();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static float[] writtenThenReadLikeTheReference(float... values) throws Exception {
        byte[] json = CODEC.encode(new WalEntry.Upsert("n", List.of(new SerializedVector("v", values, null))));
        JsonNode read = MAPPER.readTree(new String(json, StandardCharsets.UTF_8)).get("Upsert").get("vectors").get(0)
                .get("values");
        float[] back = new float[read.size()];
        for (int i = 0; i < back.length; i++) {
            back[i] = (float) Double.parseDouble(read.get(i).asText());
        }
        return back;
    }

    @Test
    void randomFloatsReadBackToTheSameBitsThroughADouble() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            float value;
            do {
                value = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(value));
            values[i] = value;
        }
        assertThat(writtenThenReadLikeTheReference(values)).isEqualTo(values);
    }

    @Test
    void theOneFloatWhoseShortestTextADoubleMisreadsIsWrittenWithAnotherDigit() throws Exception {
        float tricky = Float.intBitsToFloat(0x15ae43fd);
        float[] values = {tricky, -tricky};
        assertThat(writtenThenReadLikeTheReference(values)).isEqualTo(values);
        assertThat(CODEC.toJson(new WalEntry.Upsert("n", List.of(SerializedVector.of("v", values)))))
                .contains("[7.0385307e-26,-7.0385307e-26]");
    }

    @Test
    void edgeValuesReadBackExactly() throws Exception {
        float[] values = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                -Float.MAX_VALUE, 1e-7f, 1e13f, 16777216f, 0.1f, 123456.79f};
        assertThat(writtenThenReadLikeTheReference(values)).isEqualTo(values);
    }
}
