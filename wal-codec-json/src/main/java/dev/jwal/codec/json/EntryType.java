package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.List;

import static dev.jwal.codec.json.StructShape.Kind.STRING;
import static dev.jwal.codec.json.StructShape.Kind.STRINGS;
import static dev.jwal.codec.json.StructShape.Kind.UNSIGNED_64;
import static dev.jwal.codec.json.StructShape.Kind.VECTORS;

/**
 * The variants of the reference's {@code WalEntry} enum: the key that tags each
 * in JSON, its fields, and how to build our entry from the values read.
 */
enum EntryType {
    UPSERT(new StructShape("Upsert", "namespace", STRING, "vectors", VECTORS)) {
        @Override
        @SuppressWarnings("unchecked")
        WalEntry build(Object[] fields) {
            return new WalEntry.Upsert((String) fields[0], (List<SerializedVector>) fields[1]);
        }
    },
    DELETE(new StructShape("Delete", "namespace", STRING, "ids", STRINGS)) {
        @Override
        @SuppressWarnings("unchecked")
        WalEntry build(Object[] fields) {
            return new WalEntry.Delete((String) fields[0], (List<String>) fields[1]);
        }
    },
    CREATE_NAMESPACE(new StructShape("CreateNamespace", "namespace", STRING)) {
        @Override
        WalEntry build(Object[] fields) {
            return new WalEntry.CreateNamespace((String) fields[0]);
        }
    },
    DELETE_NAMESPACE(new StructShape("DeleteNamespace", "namespace", STRING)) {
        @Override
        WalEntry build(Object[] fields) {
            return new WalEntry.DeleteNamespace((String) fields[0]);
        }
    },
    CHECKPOINT(new StructShape("Checkpoint", "lsn", UNSIGNED_64)) {
        @Override
        WalEntry build(Object[] fields) {
            return new WalEntry.Checkpoint((Long) fields[0]);
        }
    },
    TXN_BEGIN(new StructShape("TxnBegin", "txn_id", UNSIGNED_64)) {
        @Override
        WalEntry build(Object[] fields) {
            return new WalEntry.TxnBegin((Long) fields[0]);
        }
    },
    TXN_COMMIT(new StructShape("TxnCommit", "txn_id", UNSIGNED_64)) {
        @Override
        WalEntry build(Object[] fields) {
            return new WalEntry.TxnCommit((Long) fields[0]);
        }
    },
    TXN_ROLLBACK(new StructShape("TxnRollback", "txn_id", UNSIGNED_64)) {
        @Override
        WalEntry build(Object[] fields) {
            return new WalEntry.TxnRollback((Long) fields[0]);
        }
    };

    /** The variant names, for messages. */
    static final List<String> NAMES = List.of("Upsert", "Delete", "CreateNamespace", "DeleteNamespace",
            "Checkpoint", "TxnBegin", "TxnCommit", "TxnRollback");

    private final StructShape shape;

    EntryType(StructShape shape) {
        this.shape = shape;
    }

    /** The variant's fields; its name is the JSON key that tags it. */
    StructShape shape() {
        return shape;
    }

    /** Builds the entry from every field's value, in declaration order. */
    abstract WalEntry build(Object[] fields);

    /** The variant tagged {@code key}, or null; case-sensitive, as serde is. */
    static EntryType byKey(String key) {
        switch (key) {
            case "Upsert":
                return UPSERT;
            case "Delete":
                return DELETE;
            case "CreateNamespace":
                return CREATE_NAMESPACE;
            case "DeleteNamespace":
                return DELETE_NAMESPACE;
            case "Checkpoint":
                return CHECKPOINT;
            case "TxnBegin":
                return TXN_BEGIN;
            case "TxnCommit":
                return TXN_COMMIT;
            case "TxnRollback":
                return TXN_ROLLBACK;
            default:
                return null;
        }
    }
}
