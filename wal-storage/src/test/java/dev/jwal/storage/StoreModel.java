package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reference model the storage is compared with: plain sorted maps, and the rules of
 * {@link VectorStorage} written out again independently of {@link Checks}, in the documented order
 * (namespace first, then each vector in order: id, repeated id, values, finiteness, dimension).
 * Not thread safe.
 */
final class StoreModel {
    private SortedMap<String, SortedMap<String, SerializedVector>> data = new TreeMap<>();

    StoreModel() {
    }

    StoreModel(SortedMap<String, SortedMap<String, SerializedVector>> initial) {
        initial.forEach((namespace, vectors) -> data.put(namespace, new TreeMap<>(vectors)));
    }

    SortedMap<String, SortedMap<String, SerializedVector>> contents() {
        return data;
    }

    StoreModel copy() {
        return new StoreModel(data);
    }

    /**
     * Applies {@code op} if it is valid.
     *
     * @return null if it was applied, else the exception the storage must throw (and the model is unchanged)
     */
    Class<? extends StorageException> apply(Op op) {
        if (op instanceof Op.CreateNamespace create) {
            if (create.namespace().isEmpty()) {
                return InvalidNamespaceException.class;
            }
            if (data.containsKey(create.namespace())) {
                return NamespaceExistsException.class;
            }
            data.put(create.namespace(), new TreeMap<>());
        } else if (op instanceof Op.DeleteNamespace delete) {
            if (data.remove(delete.namespace()) == null) {
                return NamespaceNotFoundException.class;
            }
        } else if (op instanceof Op.Upsert upsert) {
            SortedMap<String, SerializedVector> vectors = data.get(upsert.namespace());
            if (vectors == null) {
                return NamespaceNotFoundException.class;
            }
            int dimension = vectors.isEmpty() ? -1 : vectors.values().iterator().next().dimension();
            Set<String> ids = new HashSet<>();
            for (SerializedVector vector : upsert.vectors()) {
                if (vector.id().isEmpty() || !ids.add(vector.id()) || vector.dimension() == 0 || !finite(vector)) {
                    return InvalidVectorException.class;
                }
                if (dimension < 0) {
                    dimension = vector.dimension();
                } else if (dimension != vector.dimension()) {
                    return DimensionMismatchException.class;
                }
            }
            upsert.vectors().forEach(vector -> vectors.put(vector.id(), vector));
        } else if (op instanceof Op.Delete delete) {
            SortedMap<String, SerializedVector> vectors = data.get(delete.namespace());
            if (vectors == null) {
                return NamespaceNotFoundException.class;
            }
            if (delete.ids().stream().anyMatch(String::isEmpty)) {
                return InvalidVectorException.class;
            }
            delete.ids().forEach(vectors::remove);
        } else if (op instanceof Op.Txn txn) {
            StoreModel staged = copy();
            for (Op inner : txn.ops()) {
                Class<? extends StorageException> refused = staged.apply(inner);
                if (refused != null) {
                    return refused;
                }
            }
            data = staged.data;
        }
        return null;
    }

    private static boolean finite(SerializedVector vector) {
        for (int i = 0; i < vector.dimension(); i++) {
            if (!Float.isFinite(vector.value(i))) {
                return false;
            }
        }
        return true;
    }

    /** The namespaces, for generators. */
    List<String> namespaces() {
        return List.copyOf(data.keySet());
    }

    /** The dimension of a namespace's vectors, or -1 when it holds none. */
    int dimension(String namespace) {
        SortedMap<String, SerializedVector> vectors = data.get(namespace);
        return vectors == null || vectors.isEmpty() ? -1 : vectors.values().iterator().next().dimension();
    }
}
