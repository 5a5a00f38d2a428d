package dev.jwal.storage;

import dev.jwal.api.WalEntry;

/** Applies one data entry of the log to a store: the one mapping from log entries to store calls. */
final class EntryApplier {
    private EntryApplier() {
    }

    /**
     * @return what the store call returned: vectors deleted for a {@link WalEntry.Delete}, else 0
     * @throws StorageException         whatever the store throws for an invalid operation
     * @throws IllegalArgumentException for a marker
     */
    static int apply(VectorStorage store, WalEntry entry) {
        if (entry instanceof WalEntry.Upsert upsert) {
            store.upsert(upsert.namespace(), upsert.vectors());
        } else if (entry instanceof WalEntry.Delete delete) {
            return store.delete(delete.namespace(), delete.ids());
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            store.createNamespace(create.namespace());
        } else if (entry instanceof WalEntry.DeleteNamespace delete) {
            store.deleteNamespace(delete.namespace());
        } else {
            throw new IllegalArgumentException("a marker is not applied to a store: " + entry);
        }
        return 0;
    }
}
