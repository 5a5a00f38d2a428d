package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The embedded default {@link VectorStorage}: namespaces and vectors in sorted maps on the heap.
 *
 * <p><b>Threads.</b> Thread safe: one read-write lock, so reads run in parallel and each mutation is
 * atomic. {@link #scan} and {@link #namespaces} return copies, in id and name order.
 *
 * <p><b>Durability.</b> None: everything is lost with the process. Wrap it in {@link WalStorage} for that.
 */
public final class InMemoryVectorStorage implements VectorStorage {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // Guarded by lock.
    private final SortedMap<String, SortedMap<String, SerializedVector>> namespaces = new TreeMap<>();

    /** An empty store. */
    public InMemoryVectorStorage() {
    }

    @Override
    public void createNamespace(String namespace) {
        Checks.namespaceName(namespace);
        write(() -> {
            if (namespaces.containsKey(namespace)) {
                throw new NamespaceExistsException(namespace);
            }
            namespaces.put(namespace, new TreeMap<>());
            return null;
        });
    }

    @Override
    public void deleteNamespace(String namespace) {
        write(() -> {
            if (namespaces.remove(namespace) == null) {
                throw new NamespaceNotFoundException(namespace);
            }
            return null;
        });
    }

    @Override
    public void upsert(String namespace, List<SerializedVector> vectors) {
        write(() -> {
            SortedMap<String, SerializedVector> vectorsById = existing(namespace);
            Checks.vectors(namespace, vectors, dimensionOf(vectorsById));
            for (SerializedVector vector : vectors) {
                vectorsById.put(vector.id(), vector);
            }
            return null;
        });
    }

    @Override
    public int delete(String namespace, List<String> ids) {
        return write(() -> {
            SortedMap<String, SerializedVector> vectorsById = existing(namespace);
            Checks.ids(ids);
            int deleted = 0;
            for (String id : ids) {
                if (vectorsById.remove(id) != null) {
                    deleted++;
                }
            }
            return deleted;
        });
    }

    @Override
    public Optional<SerializedVector> get(String namespace, String id) {
        return read(() -> Optional.ofNullable(existing(namespace).get(id)));
    }

    @Override
    public List<SerializedVector> scan(String namespace) {
        return read(() -> List.copyOf(existing(namespace).values()));
    }

    @Override
    public long count(String namespace) {
        return read(() -> (long) existing(namespace).size());
    }

    @Override
    public OptionalInt dimension(String namespace) {
        return read(() -> dimensionOf(existing(namespace)));
    }

    @Override
    public Set<String> namespaces() {
        return read(() -> Collections.unmodifiableSortedSet(new TreeSet<>(namespaces.keySet())));
    }

    @Override
    public boolean containsNamespace(String namespace) {
        return read(() -> namespaces.containsKey(namespace));
    }

    @Override
    public String toString() {
        return read(() -> {
            StringBuilder text = new StringBuilder("InMemoryVectorStorage[");
            for (Map.Entry<String, SortedMap<String, SerializedVector>> entry : namespaces.entrySet()) {
                text.append(entry.getKey()).append(": ").append(entry.getValue().size()).append(" vectors; ");
            }
            return text.append(']').toString();
        });
    }

    private SortedMap<String, SerializedVector> existing(String namespace) {
        SortedMap<String, SerializedVector> vectorsById = namespaces.get(namespace);
        if (vectorsById == null) {
            throw new NamespaceNotFoundException(namespace);
        }
        return vectorsById;
    }

    private static OptionalInt dimensionOf(SortedMap<String, SerializedVector> vectorsById) {
        return vectorsById.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(vectorsById.get(vectorsById.firstKey()).dimension());
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
