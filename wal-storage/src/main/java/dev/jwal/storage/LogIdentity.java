package dev.jwal.storage;

import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.io.RegularFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The identity of a storage's log: a random UUID kept in {@value #FILE_NAME} in the log directory, created
 * (durably, through the log's file-I/O seam) the first time a storage opens the log, and written into every
 * snapshot taken of it, so that a snapshot of another log is recognised ({@link ForeignSnapshotException}).
 * A copy of the log directory (a backup restored elsewhere) keeps the identity, and so its snapshots. The
 * file is read only as a regular file (never through a link) of at most {@value #MAX_BYTES} bytes.
 * Stateless.
 */
final class LogIdentity {
    static final String FILE_NAME = "storage-log.id";
    /** A UUID and a newline, with room for a CR or spaces an editor may add. */
    private static final int MAX_BYTES = 64;

    private LogIdentity() {
    }

    /**
     * The log's identity, created if the log has none yet.
     *
     * @throws StorageRecoveryException if the identity file holds anything but a UUID
     * @throws WalIOException           if it cannot be read or created
     */
    static UUID readOrCreate(LogFileSystem fs, Path logDirectory) {
        Path file = logDirectory.resolve(FILE_NAME);
        try {
            if (RegularFiles.existsAsRegular(file)) {
                return parse(file, new String(RegularFiles.readAtMost(file, MAX_BYTES), StandardCharsets.US_ASCII));
            }
            UUID created = UUID.randomUUID();
            fs.replaceAtomically(file, (created + "\n").getBytes(StandardCharsets.US_ASCII));
            return created;
        } catch (IOException e) {
            throw new WalIOException("reading or creating the log's identity", file, e);
        }
    }

    private static UUID parse(Path file, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new StorageRecoveryException("the log identity file " + file + " does not hold a UUID (it holds "
                    + text.length() + " characters); it names the log its snapshots belong to. Restore it from a "
                    + "backup, or delete it and move the snapshots away to start a new history of snapshots", e);
        }
    }
}
