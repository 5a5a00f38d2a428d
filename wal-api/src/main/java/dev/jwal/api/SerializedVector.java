package dev.jwal.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A vector as the log stores it: an id, 32-bit float values and optional
 * metadata text. Immutable: the values are copied on the way in and out.
 *
 * <p>Equality compares values bit for bit ({@link Float#floatToIntBits}), so
 * {@code -0.0f} differs from {@code 0.0f} and NaN equals NaN, which is what a
 * log that must give back exactly what it was given needs.
 */
public final class SerializedVector {
    private final String id;
    private final float[] values;
    private final String metadata;

    /**
     * @param id       the vector id, never null (may be empty)
     * @param values   the values, never null (may be empty); copied
     * @param metadata metadata text, or null for none
     */
    public SerializedVector(String id, float[] values, String metadata) {
        this.id = Objects.requireNonNull(id, "id");
        this.values = Objects.requireNonNull(values, "values").clone();
        this.metadata = metadata;
    }

    /** A vector without metadata. */
    public static SerializedVector of(String id, float... values) {
        return new SerializedVector(id, values, null);
    }

    public String id() {
        return id;
    }

    /** A copy of the values. */
    public float[] values() {
        return values.clone();
    }

    /** The number of values (the vector's dimension). */
    public int dimension() {
        return values.length;
    }

    /** The value at {@code index}, without copying the array. */
    public float value(int index) {
        return values[index];
    }

    /** The metadata text, or null when there is none. */
    public String metadata() {
        return metadata;
    }

    /** The metadata text, if any. */
    public Optional<String> metadataIfPresent() {
        return Optional.ofNullable(metadata);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializedVector other
                && id.equals(other.id)
                && Arrays.equals(values, other.values)
                && Objects.equals(metadata, other.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(values), metadata);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SerializedVector[id=").append(id).append(", values=");
        if (values.length <= 8) {
            text.append(Arrays.toString(values));
        } else {
            text.append('[');
            for (int i = 0; i < 4; i++) {
                text.append(values[i]).append(", ");
            }
            text.append("... (").append(values.length).append(" values)]");
        }
        return text.append(", metadata=").append(metadata).append(']').toString();
    }
}
