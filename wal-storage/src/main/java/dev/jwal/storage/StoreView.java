package dev.jwal.storage;

import java.util.OptionalInt;

/**
 * What checking a mutation asks of a store: which namespaces and ids exist, and how many vectors of which
 * dimension a namespace holds. A {@link VectorStorage} answers for its contents; a {@link StagedState} for
 * its base as the entries staged on it leave it.
 */
interface StoreView {
    /** Whether the namespace exists. */
    boolean containsNamespace(String namespace);

    /** The vectors in an existing namespace. */
    long count(String namespace);

    /** The dimension of an existing namespace's vectors, empty while it holds none. */
    OptionalInt dimension(String namespace);

    /** Whether an existing namespace holds a vector with this id. */
    boolean contains(String namespace, String id);

    /** The store's answers. */
    static StoreView of(VectorStorage store) {
        return new StoreView() {
            @Override
            public boolean containsNamespace(String namespace) {
                return store.containsNamespace(namespace);
            }

            @Override
            public long count(String namespace) {
                return store.count(namespace);
            }

            @Override
            public OptionalInt dimension(String namespace) {
                return store.dimension(namespace);
            }

            @Override
            public boolean contains(String namespace, String id) {
                return store.get(namespace, id).isPresent();
            }
        };
    }
}
