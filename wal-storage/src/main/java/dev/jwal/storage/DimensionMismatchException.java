package dev.jwal.storage;

/**
 * A vector's dimension differs from the namespace's (the dimension of the vectors it holds) or from
 * the other vectors of the same upsert. Nothing was changed.
 */
public class DimensionMismatchException extends StorageException {
    private final String namespace;
    private final int expected;
    private final int actual;

    /**
     * @param namespace the namespace
     * @param vectorId  the first vector that does not fit
     * @param expected  the dimension the namespace (or the upsert's first vector) has
     * @param actual    the vector's dimension
     */
    public DimensionMismatchException(String namespace, String vectorId, int expected, int actual) {
        super("vector '" + vectorId + "' has " + actual + " values but namespace '" + namespace + "' holds vectors of "
                + "dimension " + expected);
        this.namespace = namespace;
        this.expected = expected;
        this.actual = actual;
    }

    public String namespace() {
        return namespace;
    }

    /** The dimension required. */
    public int expected() {
        return expected;
    }

    /** The dimension given. */
    public int actual() {
        return actual;
    }
}
