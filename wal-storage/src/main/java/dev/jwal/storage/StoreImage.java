package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A consistent copy of a store's contents, and the log position it corresponds to: the state after
 * applying every record with an LSN below {@code replayFrom}, and none after. Vectors are immutable, so
 * the copy holds references, not values.
 *
 * @param replayFrom the first LSN this image does not reflect: restart replays the log from here
 * @param namespaces every namespace with its vectors
 */
record StoreImage(long replayFrom, List<NamespaceImage> namespaces) {

    StoreImage {
        if (replayFrom < 0) {
            throw new IllegalArgumentException("replayFrom must be >= 0, was " + replayFrom);
        }
        namespaces = List.copyOf(namespaces);
    }

    /**
     * Copies {@code store}. The caller makes sure nothing mutates it meanwhile.
     *
     * @param replayFrom the first LSN not applied to {@code store}
     */
    static StoreImage copyOf(VectorStorage store, long replayFrom) {
        List<NamespaceImage> namespaces = new ArrayList<>();
        for (String namespace : store.namespaces()) {
            namespaces.add(new NamespaceImage(namespace, store.scan(namespace)));
        }
        return new StoreImage(replayFrom, namespaces);
    }

    /** The number of vectors over all namespaces. */
    long vectorCount() {
        long count = 0;
        for (NamespaceImage namespace : namespaces) {
            count += namespace.vectors().size();
        }
        return count;
    }

    /**
     * One namespace.
     *
     * @param name    its name
     * @param vectors its vectors, all of one dimension
     */
    record NamespaceImage(String name, List<SerializedVector> vectors) {
        NamespaceImage {
            Objects.requireNonNull(name, "name");
            vectors = List.copyOf(vectors);
        }

        /** The dimension of the vectors, 0 when there are none. */
        int dimension() {
            return vectors.isEmpty() ? 0 : vectors.get(0).dimension();
        }
    }
}
