package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.DecodeBudget;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WalEntry.Upsert}: namespace (text), vector count, then per vector: id
 * (text), values (floats), metadata (text, null when absent). The field order
 * is the format. Stateless and thread safe.
 */
final class UpsertSerializer extends Serializer<WalEntry.Upsert> {
    /** The fewest bytes a vector takes: an empty id (1), no values (1), null metadata (1). */
    private static final int MIN_VECTOR_BYTES = 3;

    UpsertSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, WalEntry.Upsert upsert) {
        Fields.writeText(output, upsert.namespace());
        List<SerializedVector> vectors = upsert.vectors();
        Fields.writeCount(output, vectors.size());
        for (SerializedVector vector : vectors) {
            Fields.writeText(output, vector.id());
            Fields.writeFloats(output, vector);
            Fields.writeText(output, vector.metadata());
        }
    }

    @Override
    public WalEntry.Upsert read(Kryo kryo, Input input, Class<? extends WalEntry.Upsert> type) {
        String namespace = Fields.readText(input, "Upsert namespace");
        int count = Fields.readCount(input, MIN_VECTOR_BYTES, "Upsert vector count");
        DecodeBudget budget = EntryInput.budgetOf(input);
        if (count == 1) {
            // The common case: an immutable one-element list, which the Upsert keeps as it is (no copy).
            return new WalEntry.Upsert(namespace, List.of(readVector(input, budget, 0)));
        }
        List<SerializedVector> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vectors.add(readVector(input, budget, i));
        }
        return new WalEntry.Upsert(namespace, vectors);
    }

    private static SerializedVector readVector(Input input, DecodeBudget budget, int i) {
        String id = Fields.readText(input, "Upsert vector", i, "id");
        FloatBuffer values = Fields.skipFloats(input, "Upsert vector", i, "values");
        String metadata = Fields.readOptionalText(input, "Upsert vector", i, "metadata");
        budget.charge(DecodeBudget.vectorCost(id, values.remaining(), metadata), "Upsert vector", i);
        // One copy, from the payload's bytes into the vector's own array.
        return SerializedVector.fromBuffer(id, values, metadata);
    }
}
