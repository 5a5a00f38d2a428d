package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The argument rules of {@link VectorStorage}, in one place: every store and the log-first checks of
 * {@link WalStorage} use them, so an operation is accepted or refused the same way everywhere.
 */
final class Checks {
    private Checks() {
    }

    /**
     * @throws NullPointerException      if the name is null
     * @throws InvalidNamespaceException if it is empty or not valid text
     */
    static String namespaceName(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isEmpty()) {
            throw new InvalidNamespaceException("a namespace name must not be empty");
        }
        int bad = firstUnpairedSurrogate(namespace);
        if (bad >= 0) {
            throw new InvalidNamespaceException("namespace name has an unpaired surrogate at index " + bad
                    + "; it must be valid Unicode text");
        }
        return namespace;
    }

    /**
     * Checks a batch of vectors against a namespace whose vectors now have dimension {@code current}.
     *
     * @return the dimension of the batch, or empty for an empty batch
     * @throws InvalidVectorException     if a vector breaks a rule, naming it
     * @throws DimensionMismatchException if dimensions differ
     */
    static OptionalInt vectors(String namespace, List<SerializedVector> vectors, OptionalInt current) {
        Objects.requireNonNull(vectors, "vectors");
        int expected = current.orElse(-1);
        Set<String> seen = new HashSet<>();
        for (SerializedVector vector : vectors) {
            Objects.requireNonNull(vector, "a vector in the upsert is null");
            String id = id(vector.id());
            if (!seen.add(id)) {
                throw new InvalidVectorException("vector '" + id + "' appears twice in one upsert");
            }
            if (vector.dimension() == 0) {
                throw new InvalidVectorException("vector '" + id + "' has no values; a vector needs at least one");
            }
            for (int i = 0; i < vector.dimension(); i++) {
                float value = vector.value(i);
                if (Float.isNaN(value) || Float.isInfinite(value)) {
                    throw new InvalidVectorException("vector '" + id + "' has the non-finite value " + value
                            + " at index " + i);
                }
            }
            if (vector.metadata() != null && firstUnpairedSurrogate(vector.metadata()) >= 0) {
                throw new InvalidVectorException("the metadata of vector '" + id + "' has an unpaired surrogate at "
                        + "index " + firstUnpairedSurrogate(vector.metadata()) + "; it must be valid Unicode text");
            }
            if (expected < 0) {
                expected = vector.dimension();
            } else if (vector.dimension() != expected) {
                throw new DimensionMismatchException(namespace, id, expected, vector.dimension());
            }
        }
        return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
    }

    /** @throws InvalidVectorException if an id is empty or not valid text */
    static void ids(List<String> ids) {
        Objects.requireNonNull(ids, "ids");
        for (String id : ids) {
            id(id);
        }
    }

    /** @throws InvalidVectorException if the id is empty or not valid text */
    static String id(String id) {
        Objects.requireNonNull(id, "a vector id is null");
        if (id.isEmpty()) {
            throw new InvalidVectorException("a vector id must not be empty");
        }
        int bad = firstUnpairedSurrogate(id);
        if (bad >= 0) {
            throw new InvalidVectorException("vector id has an unpaired surrogate at index " + bad
                    + "; it must be valid Unicode text");
        }
        return id;
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    private static int firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
