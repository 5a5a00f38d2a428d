package dev.jwal.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Every change the log makes to its directory goes through this seam: creating,
 * appending to, forcing, truncating, renaming and deleting files, and forcing
 * the directory. Reads go straight to the files. Code built on the log that
 * keeps files of its own (wal-storage's snapshots) routes their changes through
 * the same seam, with {@link #createFile} and {@link #rename}. The default,
 * {@link #standard()}, is the JDK's file system; a test substitutes a faulty one
 * (failing the Nth write or force, or simulating a power loss) without touching
 * the log's logic.
 *
 * <p>Implementations must be thread safe.
 */
public interface LogFileSystem {

    /** The real file system. */
    static LogFileSystem standard() {
        return StandardLogFileSystem.INSTANCE;
    }

    /**
     * Creates the directory (and its parents) if missing and makes the new
     * entries durable by forcing the parent.
     */
    void createDirectories(Path directory) throws IOException;

    /**
     * Creates a new file holding {@code header}, durably: written to a temporary
     * file, forced, renamed into place, directory forced. Refuses to replace an
     * existing file. Returns it open for appending after the header.
     */
    AppendableFile createNew(Path file, byte[] header) throws IOException;

    /** Opens an existing file for appending after its last byte. */
    AppendableFile openForAppend(Path file) throws IOException;

    /** Replaces {@code file} with {@code content} atomically and durably (temporary file, force, rename, directory force). */
    void replaceAtomically(Path file, byte[] content) throws IOException;

    /**
     * Creates {@code file} empty, refusing an existing one, and returns it open for appending: for a file
     * too large to hand over as one array, which the caller writes and forces. Its bytes survive a power
     * loss once {@link AppendableFile#force()} covered them, its name once {@link #forceDirectory} did.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     * @throws IOException                               if it cannot be created
     */
    AppendableFile createFile(Path file) throws IOException;

    /**
     * Renames {@code source} to {@code target}, in the same directory, atomically, replacing {@code target}
     * if it exists: a reader sees the old target or the new one, never neither. The change survives a power
     * loss once {@link #forceDirectory} covered it; until then a power loss may undo it (and bring a replaced
     * target back).
     *
     * @throws IllegalArgumentException        if the two paths are in different directories
     * @throws java.nio.file.NoSuchFileException if {@code source} does not exist
     * @throws IOException                      if the rename fails; nothing changed
     */
    void rename(Path source, Path target) throws IOException;

    /** Cuts {@code file} to {@code size} bytes and forces it. */
    void truncate(Path file, long size) throws IOException;

    /**
     * Writes the first {@code length} bytes of {@code file} again, in place, exactly as they read now, and
     * forces the file. A force that failed may leave bytes readable that never reach the disk, even once a
     * later force succeeds (Linux marks their pages clean after the failed write-back); written again, they
     * are dirty again, and this force makes them durable, or fails. The log does it to the segment it goes on
     * after when it opens, before anything follows that segment.
     */
    void rewriteInPlace(Path file, long length) throws IOException;

    /** Deletes a file; {@link #forceDirectory} makes the deletion durable. */
    void delete(Path file) throws IOException;

    /** Forces the directory itself, so entries created, renamed or deleted in it survive a power loss. */
    void forceDirectory(Path directory) throws IOException;

    /** A file open for appending. Not thread safe: the log serializes its use. */
    interface AppendableFile extends AutoCloseable {

        /** The file's path. */
        Path path();

        /** Bytes in the file: where the next write lands. */
        long size();

        /** Writes every remaining byte of {@code buffers} at the end of the file, in order. */
        void write(java.nio.ByteBuffer[] buffers) throws IOException;

        /** Forces the file's data (and the metadata needed to read it) to stable storage. */
        void force() throws IOException;

        /**
         * Reserves room for later writes (segment preallocation): extends the file with zeros to
         * {@code length} bytes, if it is shorter, without moving where the next write lands ({@link #size()}
         * stays). The new length is durable after the next {@link #force()}; from then on a write inside the
         * reserved room changes no file size, so the force after it need not commit the file's metadata.
         * Readers must tell the reserved zeros from records: the framed format can, the lines format cannot.
         * The default reserves nothing.
         *
         * @throws IOException if the file cannot be extended; it is then as long as before or as asked
         */
        default void reserve(long length) throws IOException {
        }

        /**
         * Gives back the room {@link #reserve} left unused: cuts the file at {@link #size()}, so that it ends
         * with its last written byte. Durable after the next {@link #force()}. The default does nothing, as
         * the default {@link #reserve} reserves nothing.
         *
         * @throws IOException if the file cannot be cut
         */
        default void releaseReserved() throws IOException {
        }

        /**
         * Reserves room like {@link #reserve}, and from now on writes that fit inside it may be memory copies
         * into a shared mapping of the file instead of write calls (mapped writes): the bytes are in the page
         * cache at once, so a killed process loses nothing written, and {@link #force()} forces what was
         * written, as after ordinary writes. An implementation that maps must make sure no copy lands where
         * the file has no block (a full disk would fault the process instead of failing a call): a full disk
         * fails {@link #write} with an {@link IOException}, as it fails an ordinary write. The default
         * reserves without mapping, which keeps exactly these promises.
         *
         * @throws IOException if the file cannot be extended or mapped
         */
        default void reserveMapped(long length) throws IOException {
            reserve(length);
        }

        @Override
        void close() throws IOException;
    }
}
