package dev.jwal.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.io.IOException;

/**
 * Writes an entry in the reference's form: serde's externally tagged enum,
 * fields in declaration order, {@code metadata} always present, unsigned
 * 64-bit numbers, floats as the shortest text that reads back to the same float. Does not check the
 * entry: {@link Encodability} does that first. Stateless and thread safe.
 */
final class EntryWriter {
    private EntryWriter() {
    }

    /** Writes {@code entry} as one root value with the scratch's generator. */
    static void write(WalEntry entry, EncodeScratch scratch) throws IOException {
        JsonGenerator out = scratch.generator();
        out.writeStartObject();
        if (entry instanceof WalEntry.Upsert upsert) {
            out.writeFieldName("Upsert");
            out.writeStartObject();
            out.writeStringField("namespace", upsert.namespace());
            out.writeFieldName("vectors");
            out.writeStartArray();
            for (SerializedVector vector : upsert.vectors()) {
                writeVector(vector, out, scratch);
            }
            out.writeEndArray();
            out.writeEndObject();
        } else if (entry instanceof WalEntry.Delete delete) {
            out.writeFieldName("Delete");
            out.writeStartObject();
            out.writeStringField("namespace", delete.namespace());
            out.writeFieldName("ids");
            out.writeStartArray();
            for (String id : delete.ids()) {
                out.writeString(id);
            }
            out.writeEndArray();
            out.writeEndObject();
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            writeNamespaceOnly("CreateNamespace", create.namespace(), out);
        } else if (entry instanceof WalEntry.DeleteNamespace drop) {
            writeNamespaceOnly("DeleteNamespace", drop.namespace(), out);
        } else if (entry instanceof WalEntry.Checkpoint checkpoint) {
            writeUnsigned("Checkpoint", "lsn", checkpoint.lsn(), out);
        } else if (entry instanceof WalEntry.TxnBegin begin) {
            writeUnsigned("TxnBegin", "txn_id", begin.txnId(), out);
        } else if (entry instanceof WalEntry.TxnCommit commit) {
            writeUnsigned("TxnCommit", "txn_id", commit.txnId(), out);
        } else if (entry instanceof WalEntry.TxnRollback rollback) {
            writeUnsigned("TxnRollback", "txn_id", rollback.txnId(), out);
        } else {
            throw new IllegalStateException("unknown entry type " + entry.getClass().getName());
        }
        out.writeEndObject();
    }

    /** Writes one vector; its values as one raw array of Jackson's shortest float texts ({@link FloatArrayText}). */
    private static void writeVector(SerializedVector vector, JsonGenerator out, EncodeScratch scratch) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", vector.id());
        out.writeFieldName("values");
        scratch.writeValues(vector);
        out.writeFieldName("metadata");
        String metadata = vector.metadata();
        if (metadata == null) {
            out.writeNull();
        } else {
            out.writeString(metadata);
        }
        out.writeEndObject();
    }

    private static void writeNamespaceOnly(String variant, String namespace, JsonGenerator out) throws IOException {
        out.writeFieldName(variant);
        out.writeStartObject();
        out.writeStringField("namespace", namespace);
        out.writeEndObject();
    }

    private static void writeUnsigned(String variant, String field, long value, JsonGenerator out) throws IOException {
        out.writeFieldName(variant);
        out.writeStartObject();
        out.writeFieldName(field);
        if (value >= 0) {
            out.writeNumber(value);
        } else {
            out.writeNumber(Long.toUnsignedString(value));
        }
        out.writeEndObject();
    }
}
