package dev.jwal.core.read;

import dev.jwal.api.RecordCursor;

import java.nio.file.Path;

/**
 * A cursor over a log's records that can say where the record it just returned lies, so problems found on the
 * way name the place: a segment file and byte offset here, a ledger and entry for a log kept elsewhere. Not thread
 * safe.
 */
public interface PlacedCursor extends RecordCursor {

    /** The segment (or what stands for one) holding the record just returned. */
    Path currentPlace();

    /** The offset of the record just returned in {@link #currentPlace()}, or -1 before the first. */
    long currentOffset();
}
