package dev.jwal.api;

import java.util.List;
import java.util.Objects;

/**
 * One mutation in the log: the data model of the Dakera reference WAL.
 *
 * <p>Entries are immutable values. {@link Upsert}, {@link Delete},
 * {@link CreateNamespace} and {@link DeleteNamespace} are data; the other four
 * are markers that the log itself interprets during recovery: {@link Checkpoint}
 * ends what must be replayed, and {@link TxnBegin}, {@link TxnCommit} and
 * {@link TxnRollback} delimit transactions.
 *
 * <p>Transaction ids and checkpoint LSNs are unsigned 64-bit numbers in the
 * reference format; Java holds them in a {@code long}, so values above
 * {@link Long#MAX_VALUE} appear negative here and must be printed with
 * {@link Long#toUnsignedString(long)}.
 */
public sealed interface WalEntry {

    /**
     * Whether this entry is a marker (checkpoint or transaction boundary) rather than data.
     *
     * @return true for {@link Checkpoint}, {@link TxnBegin}, {@link TxnCommit} and {@link TxnRollback}
     */
    default boolean isMarker() {
        return false;
    }

    /**
     * Inserts or replaces vectors in a namespace.
     *
     * @param namespace the namespace, never null
     * @param vectors   the vectors, never null (may be empty); copied
     */
    record Upsert(String namespace, List<SerializedVector> vectors) implements WalEntry {
        /**
         * Checks and copies the components.
         *
         * @param namespace the namespace
         * @param vectors the vectors; copied
         * @throws NullPointerException if {@code namespace}, {@code vectors} or one of the vectors is null
         */
        public Upsert {
            Objects.requireNonNull(namespace, "namespace");
            vectors = List.copyOf(Objects.requireNonNull(vectors, "vectors"));
        }
    }

    /**
     * Deletes vectors by id from a namespace.
     *
     * @param namespace the namespace, never null
     * @param ids       the ids to delete, never null (may be empty); copied
     */
    record Delete(String namespace, List<String> ids) implements WalEntry {
        /**
         * Checks and copies the components.
         *
         * @param namespace the namespace
         * @param ids the ids to delete; copied
         * @throws NullPointerException if {@code namespace}, {@code ids} or one of the ids is null
         */
        public Delete {
            Objects.requireNonNull(namespace, "namespace");
            ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
        }
    }

    /**
     * Creates a namespace.
     *
     * @param namespace the namespace, never null
     */
    record CreateNamespace(String namespace) implements WalEntry {
        /**
         * Checks the namespace.
         *
         * @param namespace the namespace
         * @throws NullPointerException if {@code namespace} is null
         */
        public CreateNamespace {
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /**
     * Deletes a namespace and everything in it.
     *
     * @param namespace the namespace, never null
     */
    record DeleteNamespace(String namespace) implements WalEntry {
        /**
         * Checks the namespace.
         *
         * @param namespace the namespace
         * @throws NullPointerException if {@code namespace} is null
         */
        public DeleteNamespace {
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /**
     * Marks that everything before it has been applied and persisted elsewhere.
     * Written by {@link WriteAheadLog#checkpoint()}; its {@code lsn} is its own LSN.
     *
     * @param lsn the checkpoint's own LSN (an unsigned 64-bit number in the reference format)
     */
    record Checkpoint(long lsn) implements WalEntry {
        @Override
        public boolean isMarker() {
            return true;
        }
    }

    /**
     * Opens a transaction; transactions nest as a stack.
     *
     * @param txnId the transaction id (an unsigned 64-bit number in the reference format)
     */
    record TxnBegin(long txnId) implements WalEntry {
        @Override
        public boolean isMarker() {
            return true;
        }
    }

    /**
     * Commits the innermost open transaction with this id.
     *
     * @param txnId the id of the transaction to commit
     */
    record TxnCommit(long txnId) implements WalEntry {
        @Override
        public boolean isMarker() {
            return true;
        }
    }

    /**
     * Rolls back the innermost open transaction with this id.
     *
     * @param txnId the id of the transaction to roll back
     */
    record TxnRollback(long txnId) implements WalEntry {
        @Override
        public boolean isMarker() {
            return true;
        }
    }
}
