package dev.jwal.core;

import dev.jwal.api.error.WalException;

import java.nio.file.Path;

/**
 * An archive already holds a file under a segment's name whose bytes differ from the segment's (and are not a
 * shorter copy of it): another log's segment, or a damaged copy. {@link LogArchive} never replaces it.
 */
public final class ArchiveConflictException extends WalException {
    private final transient Path archived;

    /**
     * @param archived the file in the archive
     * @param segment  the segment it differs from
     */
    public ArchiveConflictException(Path archived, Path segment) {
        super(archived + " differs from " + segment + " (it is neither the same bytes nor a shorter copy of them): "
                + "the archive holds another log's segment under this name, or a damaged copy; archive into "
                + "another directory, or move the file away after checking it");
        this.archived = archived;
    }

    /** The file in the archive that differs. */
    public Path archived() {
        return archived;
    }
}
