package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.DecodeBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link WalEntry.Delete}: namespace (text), id count, then each id (text).
 * The field order is the format. Stateless and thread safe.
 */
final class DeleteSerializer extends Serializer<WalEntry.Delete> {
    DeleteSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, WalEntry.Delete delete) {
        Fields.writeText(output, delete.namespace());
        Fields.writeCount(output, delete.ids().size());
        for (String id : delete.ids()) {
            Fields.writeText(output, id);
        }
    }

    @Override
    public WalEntry.Delete read(Kryo kryo, Input input, Class<? extends WalEntry.Delete> type) {
        String namespace = Fields.readText(input, "Delete namespace");
        // Each id takes at least one byte.
        int count = Fields.readCount(input, 1, "Delete id count");
        DecodeBudget budget = EntryInput.budgetOf(input);
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = Fields.readText(input, "Delete id", i, "");
            budget.charge(DecodeBudget.listedStringCost(id), "Delete id", i);
            ids.add(id);
        }
        return new WalEntry.Delete(namespace, ids);
    }
}
