package dev.jwal.storage;

import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The identity of a storage's log: a random UUID kept in {@value #FILE_NAME} in the log directory, created
 * (durably, through the log's file-I/O seam) the first time a storage opens the log, and written into every
 * snapshot taken of it, so that a snapshot of another log is recognised ({@link ForeignSnapshotException}).
 * A copy of the log directory (a backup restored elsewhere) keeps the identity, and so its snapshots.
 * Stateless.
 */
final class LogIdentity {
    static final String FILE_NAME = "storage-log.id";

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
            if (Files.exists(file)) {
                return parse(file, Files.readString(file, StandardCharsets.US_ASCII));
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
