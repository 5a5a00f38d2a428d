package dev.jwal.testkit;

/**
 * The steps a {@link SimulatedFileSystem} counts, and a {@link FaultPlan} can
 * fail, hook or cut the power before. The composite operations of the seam are
 * split into their steps, so that a fault or a power loss can land between
 * them: {@code createNew} is {@link #CREATE}, {@link #RENAME},
 * {@link #FORCE_DIRECTORY}, {@link #OPEN}; {@code replaceAtomically} is
 * {@link #REPLACE}, {@link #RENAME}, {@link #FORCE_DIRECTORY}. The plain
 * {@code createFile} and {@code rename} (which wal-storage writes its snapshots
 * with) are {@link #CREATE_FILE} and {@link #RENAME}. An open file's
 * {@code reserve} and {@code releaseReserved} (segment preallocation) are
 * {@link #RESERVE} and {@link #RELEASE_RESERVED}: each changes the real file's
 * length at once, and that length is durable after the file's next completed
 * {@link #FORCE}.
 */
public enum FileOperation {
    /** {@code createDirectories}. A directory, once created, is durable. */
    CREATE_DIRECTORIES,
    /**
     * The first step of {@code createNew}: the temporary file is created, written and
     * forced. Failing it changes nothing on disk.
     */
    CREATE,
    /**
     * The first step of {@code replaceAtomically}: the temporary file is created,
     * written and forced. Failing it changes nothing on disk.
     */
    REPLACE,
    /**
     * {@code rename}, and the rename of the temporary file into place inside {@code createNew}
     * and {@code replaceAtomically}. Failing it changes nothing (inside the composites, it
     * leaves the temporary file behind).
     */
    RENAME,
    /**
     * {@code forceDirectory}, and the directory force that ends {@code createNew} and
     * {@code replaceAtomically}. Failing it leaves the directory's changes since its last
     * completed force undone by a later power loss (the rename just made included).
     */
    FORCE_DIRECTORY,
    /**
     * {@code createFile}: an empty file, created and opened for appending. Failing it changes
     * nothing on disk; the new name survives a power loss only after a directory force.
     */
    CREATE_FILE,
    /** {@code openForAppend}, and the open that ends {@code createNew}. */
    OPEN,
    /** {@code AppendableFile.write}. */
    WRITE,
    /**
     * {@code AppendableFile.force}. A failed force loses the file's unforced bytes for good,
     * as Linux does after an fsync error: they stay readable, but no later force makes them
     * durable.
     */
    FORCE,
    /**
     * {@code AppendableFile.reserve}: extends the file with zeros (sparsely, taking no free space)
     * without moving its {@code size()}. Failing it changes nothing. The reserved length survives a
     * power loss once a later force of the file completed.
     */
    RESERVE,
    /**
     * {@code AppendableFile.releaseReserved}: cuts the file at its {@code size()}. Failing it changes
     * nothing. Until a later force of the file completes, a power loss brings the durable reserved
     * length back (zeros after the data).
     */
    RELEASE_RESERVED,
    /** {@code truncate} (which forces the file: its new length is durable at once). */
    TRUNCATE,
    /** {@code delete}; durable only after the next completed directory force. */
    DELETE
}
