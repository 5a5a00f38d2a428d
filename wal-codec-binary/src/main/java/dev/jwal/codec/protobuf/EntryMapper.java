package dev.jwal.codec.protobuf;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.codec.protobuf.generated.Checkpoint;
import dev.jwal.codec.protobuf.generated.CreateNamespace;
import dev.jwal.codec.protobuf.generated.Delete;
import dev.jwal.codec.protobuf.generated.DeleteNamespace;
import dev.jwal.codec.protobuf.generated.Entry;
import dev.jwal.codec.protobuf.generated.TxnBegin;
import dev.jwal.codec.protobuf.generated.TxnCommit;
import dev.jwal.codec.protobuf.generated.TxnRollback;
import dev.jwal.codec.protobuf.generated.Upsert;
import dev.jwal.codec.protobuf.generated.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link WalEntry} values to the generated {@link Entry} message and
 * back. Float values are copied as primitives (never boxed), so their bits are
 * kept; metadata maps to the proto3 {@code optional} field, so absent and
 * empty stay apart; unsigned numbers map to {@code uint64} bit for bit.
 * The codec writes and reads canonical Upserts through {@link UpsertWire}
 * instead; the Upsert mapping here reads every other Upsert payload and is the
 * reference {@code UpsertWire}'s tests compare bytes with. Stateless.
 */
final class EntryMapper {
    private EntryMapper() {
    }

    static Entry toMessage(WalEntry entry) {
        Entry.Builder message = Entry.newBuilder();
        if (entry instanceof WalEntry.Upsert upsert) {
            message.setUpsert(toMessage(upsert));
        } else if (entry instanceof WalEntry.Delete delete) {
            message.setDelete(Delete.newBuilder().setNamespace(delete.namespace()).addAllIds(delete.ids()));
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            message.setCreateNamespace(CreateNamespace.newBuilder().setNamespace(create.namespace()));
        } else if (entry instanceof WalEntry.DeleteNamespace drop) {
            message.setDeleteNamespace(DeleteNamespace.newBuilder().setNamespace(drop.namespace()));
        } else if (entry instanceof WalEntry.Checkpoint checkpoint) {
            message.setCheckpoint(Checkpoint.newBuilder().setLsn(checkpoint.lsn()));
        } else if (entry instanceof WalEntry.TxnBegin begin) {
            message.setTxnBegin(TxnBegin.newBuilder().setTxnId(begin.txnId()));
        } else if (entry instanceof WalEntry.TxnCommit commit) {
            message.setTxnCommit(TxnCommit.newBuilder().setTxnId(commit.txnId()));
        } else if (entry instanceof WalEntry.TxnRollback rollback) {
            message.setTxnRollback(TxnRollback.newBuilder().setTxnId(rollback.txnId()));
        } else {
            throw new IllegalArgumentException("unknown entry type " + entry.getClass().getName());
        }
        return message.build();
    }

    /** @throws CodecException if the message holds no entry kind this version knows */
    static WalEntry fromMessage(Entry message) {
        switch (message.getKindCase()) {
            case UPSERT:
                return fromMessage(message.getUpsert());
            case DELETE:
                return new WalEntry.Delete(message.getDelete().getNamespace(), message.getDelete().getIdsList());
            case CREATE_NAMESPACE:
                return new WalEntry.CreateNamespace(message.getCreateNamespace().getNamespace());
            case DELETE_NAMESPACE:
                return new WalEntry.DeleteNamespace(message.getDeleteNamespace().getNamespace());
            case CHECKPOINT:
                return new WalEntry.Checkpoint(message.getCheckpoint().getLsn());
            case TXN_BEGIN:
                return new WalEntry.TxnBegin(message.getTxnBegin().getTxnId());
            case TXN_COMMIT:
                return new WalEntry.TxnCommit(message.getTxnCommit().getTxnId());
            case TXN_ROLLBACK:
                return new WalEntry.TxnRollback(message.getTxnRollback().getTxnId());
            case KIND_NOT_SET:
            default:
                throw new CodecException("the payload holds no entry: its 'kind' is not set to a known entry type"
                        + (message.getUnknownFields().asMap().isEmpty() ? "" : " (unknown field numbers "
                        + message.getUnknownFields().asMap().keySet() + ")"));
        }
    }

    private static Upsert toMessage(WalEntry.Upsert upsert) {
        Upsert.Builder message = Upsert.newBuilder().setNamespace(upsert.namespace());
        for (SerializedVector vector : upsert.vectors()) {
            Vector.Builder v = Vector.newBuilder().setId(vector.id());
            int dimension = vector.dimension();
            for (int i = 0; i < dimension; i++) {
                v.addValues(vector.value(i));
            }
            if (vector.metadata() != null) {
                v.setMetadata(vector.metadata());
            }
            message.addVectors(v);
        }
        return message.build();
    }

    private static WalEntry.Upsert fromMessage(Upsert message) {
        List<SerializedVector> vectors = new ArrayList<>(message.getVectorsCount());
        for (Vector v : message.getVectorsList()) {
            float[] values = new float[v.getValuesCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = v.getValues(i);
            }
            vectors.add(new SerializedVector(v.getId(), values, v.hasMetadata() ? v.getMetadata() : null));
        }
        return new WalEntry.Upsert(message.getNamespace(), vectors);
    }
}
