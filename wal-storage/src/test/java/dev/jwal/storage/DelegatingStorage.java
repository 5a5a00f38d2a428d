package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Forwards every call to another store; tests override the calls they break. */
class DelegatingStorage implements VectorStorage {
    private final VectorStorage delegate;

    DelegatingStorage(VectorStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public void createNamespace(String namespace) {
        delegate.createNamespace(namespace);
    }

    @Override
    public void deleteNamespace(String namespace) {
        delegate.deleteNamespace(namespace);
    }

    @Override
    public void upsert(String namespace, List<SerializedVector> vectors) {
        delegate.upsert(namespace, vectors);
    }

    @Override
    public int delete(String namespace, List<String> ids) {
        return delegate.delete(namespace, ids);
    }

    @Override
    public Optional<SerializedVector> get(String namespace, String id) {
        return delegate.get(namespace, id);
    }

    @Override
    public List<SerializedVector> scan(String namespace) {
        return delegate.scan(namespace);
    }

    @Override
    public long count(String namespace) {
        return delegate.count(namespace);
    }

    @Override
    public OptionalInt dimension(String namespace) {
        return delegate.dimension(namespace);
    }

    @Override
    public Set<String> namespaces() {
        return delegate.namespaces();
    }
}
