package dev.jwal.storage;

/** An operation named a namespace that does not exist. Nothing was changed. */
public class NamespaceNotFoundException extends StorageException {
    private final String namespace;

    public NamespaceNotFoundException(String namespace) {
        super("namespace '" + namespace + "' does not exist; create it first");
        this.namespace = namespace;
    }

    /** The namespace that was named. */
    public String namespace() {
        return namespace;
    }
}
