package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A store of vectors in named namespaces: the SPI that {@link WalStorage} wraps, and that
 * {@link InMemoryVectorStorage} implements.
 *
 * <p><b>Rules every implementation follows</b> (so that {@link WalStorage} can check an operation
 * before it logs it, and replaying the log gives the same result):
 * <ul>
 *   <li>a namespace is created before use, and deleting it deletes its vectors;</li>
 *   <li>a namespace name and a vector id are non-empty, valid Unicode text;</li>
 *   <li>a vector has at least one value, and every value is finite (no NaN, no infinity);</li>
 *   <li>the <em>dimension</em> of a namespace is that of the vectors it holds: every vector in a namespace
 *       has the same number of values, and an empty namespace accepts any dimension;</li>
 *   <li>an upsert inserts or replaces whole vectors; it names each id at most once;</li>
 *   <li>an invalid operation throws and changes nothing: a partly applied upsert or delete never happens.</li>
 * </ul>
 *
 * <p><b>Threads.</b> Implementations are thread safe, and each single call is atomic.
 *
 * <p><b>Durability.</b> None in itself: that is what {@link WalStorage} adds.
 */
public interface VectorStorage {

    /**
     * Creates an empty namespace.
     *
     * @throws InvalidNamespaceException if the name is empty or not valid text
     * @throws NamespaceExistsException  if it exists
     */
    void createNamespace(String namespace);

    /**
     * Deletes a namespace and every vector in it.
     *
     * @throws NamespaceNotFoundException if it does not exist
     */
    void deleteNamespace(String namespace);

    /**
     * Inserts or replaces vectors, all or none. An empty list changes nothing.
     *
     * @throws NamespaceNotFoundException  if the namespace does not exist
     * @throws InvalidVectorException      if a vector has an empty or invalid id, no values, a non-finite value,
     *                                     invalid metadata text, or an id already given in this call
     * @throws DimensionMismatchException  if the vectors do not all have the namespace's dimension
     */
    void upsert(String namespace, List<SerializedVector> vectors);

    /** {@link #upsert(String, List)} of the given vectors. */
    default void upsert(String namespace, SerializedVector... vectors) {
        upsert(namespace, Arrays.asList(vectors));
    }

    /**
     * Deletes vectors by id; ids that are not there are passed over.
     *
     * @return how many vectors were deleted
     * @throws NamespaceNotFoundException if the namespace does not exist
     * @throws InvalidVectorException     if an id is empty
     */
    int delete(String namespace, List<String> ids);

    /** {@link #delete(String, List)} of the given ids. */
    default int delete(String namespace, String... ids) {
        return delete(namespace, Arrays.asList(ids));
    }

    /**
     * The vector with this id, if present.
     *
     * @throws NamespaceNotFoundException if the namespace does not exist
     */
    Optional<SerializedVector> get(String namespace, String id);

    /**
     * Every vector of the namespace, as an immutable list taken atomically (later changes do not show).
     * {@link InMemoryVectorStorage} returns them in id order.
     *
     * @throws NamespaceNotFoundException if the namespace does not exist
     */
    List<SerializedVector> scan(String namespace);

    /**
     * The number of vectors in the namespace.
     *
     * @throws NamespaceNotFoundException if the namespace does not exist
     */
    long count(String namespace);

    /**
     * The dimension of the namespace's vectors, or empty when it holds none.
     *
     * @throws NamespaceNotFoundException if the namespace does not exist
     */
    OptionalInt dimension(String namespace);

    /** The names of the namespaces, as an immutable set taken atomically. */
    Set<String> namespaces();

    /** Whether the namespace exists. */
    default boolean containsNamespace(String namespace) {
        return namespaces().contains(namespace);
    }
}
