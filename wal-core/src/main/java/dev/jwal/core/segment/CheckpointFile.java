package dev.jwal.core.segment;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The persisted LSN of the last checkpoint: one line of text,
 * {@code jwal-checkpoint 1 lsn=N crc32c=XXXXXXXX} (see {@link LsnFile}),
 * replaced atomically, so a crash leaves the old checkpoint or the new one. A
 * directory written by the reference has no such file; the last Checkpoint
 * record in the log then counts.
 */
public final class CheckpointFile {
    public static final String FILE_NAME = "checkpoint";
    private static final LsnFile FILE = new LsnFile(FILE_NAME, "jwal-checkpoint");

    private CheckpointFile() {
    }

    /**
     * The checkpoint LSN stored in {@code directory}, or empty if there is no checkpoint file.
     *
     * @throws CorruptLogException if the file exists but is damaged
     */
    public static OptionalLong read(Path directory) {
        try {
            return FILE.read(directory);
        } catch (LsnFile.Damaged e) {
            throw new CorruptLogException(FILE.path(directory), 0, -1, CorruptLogException.Kind.CORRUPT_RECORD,
                    "checkpoint file " + e.getMessage()
                            + "; delete it to fall back to the last Checkpoint record in the log", null);
        }
    }

    /** Durably replaces the checkpoint file of {@code directory} with {@code lsn}. */
    public static void write(LogFileSystem fs, Path directory, long lsn) throws IOException {
        FILE.write(fs, directory, lsn);
    }
}
