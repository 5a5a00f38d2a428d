package dev.jwal.storage;

/** A namespace was created that already exists. Nothing was changed. */
public class NamespaceExistsException extends StorageException {
    private final String namespace;

    public NamespaceExistsException(String namespace) {
        super("namespace '" + namespace + "' already exists");
        this.namespace = namespace;
    }

    /** The namespace that was named. */
    public String namespace() {
        return namespace;
    }
}
