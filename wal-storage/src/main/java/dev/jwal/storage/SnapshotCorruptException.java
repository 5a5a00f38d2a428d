package dev.jwal.storage;

import java.nio.file.Path;

/**
 * A snapshot file is damaged or is not a snapshot: a wrong magic number, an unknown format version, a
 * checksum that does not match, a length that runs past the end. Names the file and the byte offset.
 * {@link WalStorage#open} falls back to an older snapshot when it meets one, and keeps the damaged
 * file, renamed to {@code *.broken}.
 */
public class SnapshotCorruptException extends StorageException {
    private final transient Path file;
    private final long offset;

    public SnapshotCorruptException(Path file, long offset, String detail) {
        super("damaged snapshot " + file + " at offset " + offset + ": " + detail);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** The byte offset where the damage was found. */
    public long offset() {
        return offset;
    }
}
