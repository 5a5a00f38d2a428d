package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Checks mutations before they are logged, as if each earlier one of the same batch had been applied,
 * without touching the store: an overlay that records what the staged entries did to the namespaces and
 * ids they touch, and asks the base store about everything else. So a transaction can create a namespace
 * and fill it, or empty a namespace and refill it at another dimension, and each step is judged on the
 * state the steps before it leave.
 *
 * <p>The rules and the order in which they are checked are those of {@link InMemoryVectorStorage}
 * ({@link Checks}), so an entry accepted here applies cleanly. Memory grows with the ids staged, never
 * with the store. Not thread safe; the base store is only read.
 */
final class StagedState implements StoreView {
    private final StoreView base;
    private final Map<String, NamespaceDelta> touched = new HashMap<>();

    StagedState(VectorStorage base) {
        this(StoreView.of(base));
    }

    /** A state over another view, such as the state that mutations still being logged will leave. */
    StagedState(StoreView base) {
        this.base = base;
    }

    /**
     * Checks {@code entry} against the staged state, then stages it.
     *
     * @throws StorageException         the subclass an {@link InMemoryVectorStorage} would throw; nothing is staged
     * @throws IllegalArgumentException if the entry is a marker
     */
    void stage(WalEntry entry) {
        if (entry instanceof WalEntry.CreateNamespace create) {
            NamespaceDelta delta = delta(Checks.namespaceName(create.namespace()));
            if (delta.exists) {
                throw new NamespaceExistsException(create.namespace());
            }
            delta.recreate();
        } else if (entry instanceof WalEntry.DeleteNamespace delete) {
            existing(delete.namespace()).drop();
        } else if (entry instanceof WalEntry.Upsert upsert) {
            NamespaceDelta delta = existing(upsert.namespace());
            OptionalInt dimension = Checks.vectors(upsert.namespace(), upsert.vectors(), delta.dimension());
            for (SerializedVector vector : upsert.vectors()) {
                delta.put(vector.id());
            }
            if (dimension.isPresent()) {
                delta.lastDimension = dimension.getAsInt();
            }
        } else if (entry instanceof WalEntry.Delete delete) {
            NamespaceDelta delta = existing(delete.namespace());
            Checks.ids(delete.ids());
            for (String id : delete.ids()) {
                delta.remove(id);
            }
        } else {
            throw new IllegalArgumentException("only data entries are staged, not " + entry);
        }
    }

    private NamespaceDelta existing(String namespace) {
        NamespaceDelta delta = delta(namespace);
        if (!delta.exists) {
            throw new NamespaceNotFoundException(namespace);
        }
        return delta;
    }

    private NamespaceDelta delta(String namespace) {
        return touched.computeIfAbsent(namespace, NamespaceDelta::new);
    }

    /** What the staged entries did to one namespace. */
    private final class NamespaceDelta {
        private final String namespace;
        private boolean exists;
        /** Whether the base's vectors are gone (the namespace was deleted or recreated in this batch). */
        private boolean baseDropped;
        private long count;
        /** The dimension of the vectors present while {@code count > 0}. */
        private int lastDimension;
        /** Ids whose presence the staged entries decided: true present, false absent. */
        private final Map<String, Boolean> decided = new HashMap<>();

        NamespaceDelta(String namespace) {
            this.namespace = namespace;
            this.exists = base.containsNamespace(namespace);
            if (exists) {
                this.count = base.count(namespace);
                this.lastDimension = base.dimension(namespace).orElse(0);
            }
        }

        OptionalInt dimension() {
            return count > 0 ? OptionalInt.of(lastDimension) : OptionalInt.empty();
        }

        void recreate() {
            exists = true;
            baseDropped = true;
            count = 0;
            decided.clear();
        }

        void drop() {
            exists = false;
            baseDropped = true;
            count = 0;
            decided.clear();
        }

        void put(String id) {
            if (!isPresent(id)) {
                count++;
            }
            decided.put(id, true);
        }

        void remove(String id) {
            if (isPresent(id)) {
                count--;
            }
            decided.put(id, false);
        }

        private boolean isPresent(String id) {
            Boolean known = decided.get(id);
            if (known != null) {
                return known;
            }
            return !baseDropped && base.contains(namespace, id);
        }
    }

    /** Stages every entry in order; the first one refused stops it. */
    static void checkAll(StoreView base, List<? extends WalEntry> entries) {
        StagedState staged = new StagedState(base);
        for (WalEntry entry : entries) {
            staged.stage(entry);
        }
    }

    /** How many namespaces and ids the staged entries decided: what this state holds in memory. */
    int size() {
        int size = touched.size();
        for (NamespaceDelta delta : touched.values()) {
            size += delta.decided.size();
        }
        return size;
    }

    @Override
    public boolean containsNamespace(String namespace) {
        NamespaceDelta delta = touched.get(namespace);
        return delta != null ? delta.exists : base.containsNamespace(namespace);
    }

    @Override
    public long count(String namespace) {
        NamespaceDelta delta = touched.get(namespace);
        return delta != null ? delta.count : base.count(namespace);
    }

    @Override
    public OptionalInt dimension(String namespace) {
        NamespaceDelta delta = touched.get(namespace);
        return delta != null ? delta.dimension() : base.dimension(namespace);
    }

    @Override
    public boolean contains(String namespace, String id) {
        NamespaceDelta delta = touched.get(namespace);
        return delta != null ? delta.exists && delta.isPresent(id) : base.contains(namespace, id);
    }
}
