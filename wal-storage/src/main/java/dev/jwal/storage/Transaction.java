package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.Arrays;
import java.util.List;

/**
 * The mutations of one {@link WalStorage#transaction} call, collected and then committed all or
 * nothing. Each call is checked at once against the store as the earlier calls of the transaction
 * would leave it, and throws what {@link VectorStorage} documents for it; an operation refused that way
 * is not part of the transaction (letting the exception leave the body abandons the whole transaction).
 *
 * <p>Nothing is visible to readers, or written to the log, before the body returns. Not thread safe;
 * valid only inside the body.
 */
public interface Transaction {

    /** Creates a namespace; see {@link VectorStorage#createNamespace}. */
    void createNamespace(String namespace);

    /** Deletes a namespace; see {@link VectorStorage#deleteNamespace}. */
    void deleteNamespace(String namespace);

    /** Inserts or replaces vectors; see {@link VectorStorage#upsert(String, List)}. */
    void upsert(String namespace, List<SerializedVector> vectors);

    /** Inserts or replaces vectors; see {@link VectorStorage#upsert(String, List)}. */
    default void upsert(String namespace, SerializedVector... vectors) {
        upsert(namespace, Arrays.asList(vectors));
    }

    /** Deletes vectors by id; see {@link VectorStorage#delete(String, List)}. */
    void delete(String namespace, List<String> ids);

    /** Deletes vectors by id; see {@link VectorStorage#delete(String, List)}. */
    default void delete(String namespace, String... ids) {
        delete(namespace, Arrays.asList(ids));
    }
}
