package dev.jwal.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerializedVectorTest {
    @Test
    void valuesAreCopiedInAndOut() {
        float[] values = {1f, 2f};
        SerializedVector vector = SerializedVector.of("v", values);
        values[0] = 9f;
        vector.values()[1] = 9f;
        assertThat(vector.values()).containsExactly(1f, 2f);
    }

    @Test
    void equalityComparesFloatBitPatterns() {
        assertThat(SerializedVector.of("v", 0.0f)).isNotEqualTo(SerializedVector.of("v", -0.0f));
        assertThat(SerializedVector.of("v", Float.NaN)).isEqualTo(SerializedVector.of("v", Float.NaN));
        assertThat(SerializedVector.of("v", 1f)).hasSameHashCodeAs(SerializedVector.of("v", 1f));
    }

    @Test
    void metadataTakesPartInEquality() {
        assertThat(new SerializedVector("v", new float[]{1f}, "m"))
                .isNotEqualTo(new SerializedVector("v", new float[]{1f}, null));
    }

    @Test
    void toStringOfALargeVectorIsShort() {
        assertThat(SerializedVector.of("big", new float[1536]).toString())
                .contains("1536 values").hasSizeLessThan(120);
    }

    @Test
    void entriesCopyTheirLists() {
        java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of("a"));
        WalEntry.Delete delete = new WalEntry.Delete("ns", ids);
        ids.add("b");
        assertThat(delete.ids()).containsExactly("a");
    }
}
