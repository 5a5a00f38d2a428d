package dev.jwal.core.write;

/**
 * What {@link GroupCommit} forces, and all it knows of the writer: write what is queued for the next force,
 * force, and say whether the writer has failed. Implementations are thread safe.
 */
interface ForceTarget {

    /**
     * Writes every record queued for the next force, then forces everything written so far.
     *
     * @return the LSN of the last record the force covered
     * @throws dev.jwal.api.error.WalIOException     if the write or the force failed (the writer is then failed)
     * @throws dev.jwal.api.error.WalFailedException if an earlier write or force failed
     */
    long forceWritten();

    /** Whether records wait to be written by the next {@link #forceWritten()}. */
    boolean hasDurableWritesQueued();

    /** How many callers' records wait to be written by the next {@link #forceWritten()}. */
    int durableWritesQueued();

    /** How many callers' queued records the last {@link #forceWritten()} wrote (and forced). */
    int durableWritesCarried();

    /** @throws dev.jwal.api.error.WalFailedException if a write or force has failed */
    void throwIfFailed();

    /** Whether a write or force has failed. */
    boolean failed();
}
