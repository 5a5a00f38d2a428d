package dev.jwal.api;

import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;
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
 *
 * <p>Codecs move values without the copy {@link #values()} makes:
 * {@link #writeValuesTo(FloatBuffer)} and {@link #copyValuesTo(float[], int)}
 * copy them out in bulk, and {@link #fromBuffer(String, FloatBuffer, String)}
 * makes a vector with one copy straight from a buffer (for instance a
 * little-endian {@link FloatBuffer} view of a payload's bytes). Each keeps
 * every float's raw bits, NaN payloads and {@code -0.0f} included, and none
 * gives anyone a reference to the array the vector holds.
 */
public final class SerializedVector {
    private final String id;
    private final float[] values;
    private final String metadata;

    /**
     * A vector holding a copy of {@code values}.
     *
     * @param id       the vector id, never null (may be empty)
     * @param values   the values, never null (may be empty); copied
     * @param metadata metadata text, or null for none
     * @throws NullPointerException if {@code id} or {@code values} is null
     */
    public SerializedVector(String id, float[] values, String metadata) {
        this.id = Objects.requireNonNull(id, "id");
        this.values = Objects.requireNonNull(values, "values").clone();
        this.metadata = metadata;
    }

    /** Takes {@code ownedValues} as is: only for arrays no one else holds a reference to. */
    private SerializedVector(String id, String metadata, float[] ownedValues) {
        this.id = Objects.requireNonNull(id, "id");
        this.values = ownedValues;
        this.metadata = metadata;
    }

    /**
     * A vector whose values are the floats remaining in {@code values}, read in
     * one bulk copy into an array only the new vector holds; the buffer's
     * position advances to its limit. Every float's raw bits are kept (the
     * copy moves bits, it does not convert values). For a decoder this is one
     * copy where {@code new SerializedVector(id, array, metadata)} after
     * reading the array costs two.
     *
     * @param id       the vector id, never null (may be empty)
     * @param values   the values: every float from its position to its limit; never null
     * @param metadata metadata text, or null for none
     * @return the new vector
     * @throws NullPointerException if {@code id} or {@code values} is null
     */
    public static SerializedVector fromBuffer(String id, FloatBuffer values, String metadata) {
        Objects.requireNonNull(id, "id");
        float[] copy = new float[values.remaining()];
        values.get(copy);
        return new SerializedVector(id, metadata, copy);
    }

    /**
     * A vector without metadata.
     *
     * @param id     the vector id, never null (may be empty)
     * @param values the values, never null (may be empty); copied
     * @return the new vector
     * @throws NullPointerException if {@code id} or {@code values} is null
     */
    public static SerializedVector of(String id, float... values) {
        return new SerializedVector(id, values, null);
    }

    /**
     * The vector's id.
     *
     * @return the id, never null (may be empty)
     */
    public String id() {
        return id;
    }

    /**
     * The values; a fresh copy on every call (use {@link #value(int)} or the bulk copies to avoid it).
     *
     * @return a copy of the values
     */
    public float[] values() {
        return values.clone();
    }

    /**
     * Writes the values to {@code dst} at its position, in order, and advances
     * the position by {@link #dimension()}: a bulk copy with no intermediate
     * array, keeping every float's raw bits (NaN payloads and {@code -0.0f}
     * included). The vector is not changed and keeps no reference to
     * {@code dst}.
     *
     * @param dst the buffer to write into
     * @throws BufferOverflowException              if fewer than {@link #dimension()} floats
     *                                              remain in {@code dst}; nothing is written
     * @throws java.nio.ReadOnlyBufferException     if {@code dst} is read-only
     * @throws NullPointerException                 if {@code dst} is null
     */
    public void writeValuesTo(FloatBuffer dst) {
        dst.put(values);
    }

    /**
     * Copies the values into {@code dst} from index {@code offset}
     * ({@code dimension()} floats), bit for bit, without allocating.
     *
     * @param dst    the array to copy into
     * @param offset the index in {@code dst} of the first value
     * @throws IndexOutOfBoundsException if {@code dst} has fewer than
     *                                   {@code offset + dimension()} elements or {@code offset} is negative;
     *                                   nothing is copied
     * @throws NullPointerException      if {@code dst} is null
     */
    public void copyValuesTo(float[] dst, int offset) {
        Objects.checkFromIndexSize(offset, values.length, dst.length);
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    /**
     * The number of values (the vector's dimension).
     *
     * @return the dimension, 0 or more
     */
    public int dimension() {
        return values.length;
    }

    /**
     * The value at {@code index}, without copying the array.
     *
     * @param index from 0 to {@code dimension() - 1}
     * @return the value, with its raw bits
     * @throws ArrayIndexOutOfBoundsException if {@code index} is out of range
     */
    public float value(int index) {
        return values[index];
    }

    /**
     * The metadata text.
     *
     * @return the metadata, or null when there is none
     */
    public String metadata() {
        return metadata;
    }

    /**
     * The metadata text, if any.
     *
     * @return the metadata, or empty when there is none
     */
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
