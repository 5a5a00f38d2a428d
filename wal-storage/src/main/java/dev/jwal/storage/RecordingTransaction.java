package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Transaction} handed to a transaction body: checks each call against a {@link StagedState}
 * and records it as a log entry. Not thread safe.
 */
final class RecordingTransaction implements Transaction {
    private final StagedState staged;
    private final List<WalEntry> entries = new ArrayList<>();
    private boolean finished;

    RecordingTransaction(VectorStorage base) {
        this.staged = new StagedState(base);
    }

    @Override
    public void createNamespace(String namespace) {
        record(new WalEntry.CreateNamespace(namespace));
    }

    @Override
    public void deleteNamespace(String namespace) {
        record(new WalEntry.DeleteNamespace(namespace));
    }

    @Override
    public void upsert(String namespace, List<SerializedVector> vectors) {
        record(new WalEntry.Upsert(namespace, vectors));
    }

    @Override
    public void delete(String namespace, List<String> ids) {
        record(new WalEntry.Delete(namespace, ids));
    }

    private void record(WalEntry entry) {
        if (finished) {
            throw new IllegalStateException("the transaction is over: use it only inside its body");
        }
        staged.stage(entry);
        entries.add(entry);
    }

    /** Ends recording and returns the entries, in call order. */
    List<WalEntry> finish() {
        finished = true;
        return List.copyOf(entries);
    }
}
