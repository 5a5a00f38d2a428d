package dev.jwal.bookkeeper;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.List;

/** Entries for the tests. */
final class Entries {
    private Entries() {
    }

    /** An upsert of one vector named after {@code i}. */
    static WalEntry upsert(int i) {
        return new WalEntry.Upsert("ns", List.of(new SerializedVector("v" + i, new float[] {i, i + 0.5f}, null)));
    }
}
