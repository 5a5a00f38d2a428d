package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.List;

/** One step of a generated workload, applied to a storage; {@link StoreModel} applies it to the model. */
sealed interface Op {

    /** Runs the step against the storage. */
    void runOn(WalStorage storage);

    record CreateNamespace(String namespace) implements Op {
        @Override
        public void runOn(WalStorage storage) {
            storage.createNamespace(namespace);
        }
    }

    record DeleteNamespace(String namespace) implements Op {
        @Override
        public void runOn(WalStorage storage) {
            storage.deleteNamespace(namespace);
        }
    }

    record Upsert(String namespace, List<SerializedVector> vectors) implements Op {
        @Override
        public void runOn(WalStorage storage) {
            storage.upsert(namespace, vectors);
        }
    }

    record Delete(String namespace, List<String> ids) implements Op {
        @Override
        public void runOn(WalStorage storage) {
            storage.delete(namespace, ids);
        }
    }

    /** Data ops committed together with {@link WalStorage#transaction}. */
    record Txn(List<Op> ops) implements Op {
        @Override
        public void runOn(WalStorage storage) {
            storage.transaction(tx -> {
                for (Op op : ops) {
                    if (op instanceof CreateNamespace create) {
                        tx.createNamespace(create.namespace());
                    } else if (op instanceof DeleteNamespace delete) {
                        tx.deleteNamespace(delete.namespace());
                    } else if (op instanceof Upsert upsert) {
                        tx.upsert(upsert.namespace(), upsert.vectors());
                    } else if (op instanceof Delete delete) {
                        tx.delete(delete.namespace(), delete.ids());
                    } else {
                        throw new IllegalArgumentException("not a data op: " + op);
                    }
                }
            });
        }
    }

    /** {@link WalStorage#checkpoint()}; changes no contents. */
    record Checkpoint() implements Op {
        @Override
        public void runOn(WalStorage storage) {
            storage.checkpoint();
        }
    }

    /** Close and reopen the storage (handled by the test, not here). */
    record Reopen() implements Op {
        @Override
        public void runOn(WalStorage storage) {
            throw new UnsupportedOperationException("the test reopens");
        }
    }
}
