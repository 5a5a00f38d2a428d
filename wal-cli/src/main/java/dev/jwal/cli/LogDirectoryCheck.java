package dev.jwal.cli;

import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.SegmentName;
import dev.jwal.core.segment.TxnBoundaryFile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a log directory before a command reads it, so that what the library
 * would skip silently or block on fails the command with one clear line: a
 * missing directory, and an entry named like a segment or like the
 * {@code checkpoint} or {@code txn-boundary} file that is not a readable
 * regular file (a directory, a FIFO, which would block the read forever, a
 * file without read permission). Stateless.
 */
final class LogDirectoryCheck {
    private LogDirectoryCheck() {
    }

    /**
     * @throws CliFailure with exit code {@value ExitCodes#IO_ERROR} naming the directory or the entry at fault
     */
    static void requireReadableLog(Path directory) {
        if (!Files.exists(directory)) {
            throw new CliFailure(ExitCodes.IO_ERROR, "no log directory at " + directory + ": it does not exist", null);
        }
        if (!Files.isDirectory(directory)) {
            throw new CliFailure(ExitCodes.IO_ERROR, directory + " is not a directory", null);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String kind = kindOf(entry.getFileName().toString());
                if (kind != null) {
                    requireReadableFile(entry, kind);
                }
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.IO_ERROR, "cannot list the log directory " + directory + ": " + e, e);
        }
    }

    /** What the library takes a file of this name for, or null if it ignores it. */
    private static String kindOf(String name) {
        if (SegmentName.parse(name).isPresent()) {
            return "segment";
        }
        if (name.equals(CheckpointFile.FILE_NAME)) {
            return "checkpoint file";
        }
        return name.equals(TxnBoundaryFile.FILE_NAME) ? "transaction boundary file" : null;
    }

    private static void requireReadableFile(Path entry, String kind) {
        if (!Files.isRegularFile(entry)) {
            String what = Files.isDirectory(entry) ? "a directory" : "not a regular file (a FIFO, socket or device)";
            throw new CliFailure(ExitCodes.IO_ERROR, "cannot read the log: its " + kind + " " + entry + " is " + what,
                    null);
        }
        if (!Files.isReadable(entry)) {
            throw new CliFailure(ExitCodes.IO_ERROR, "cannot read the log: its " + kind + " " + entry
                    + " is not readable (permission denied)", null);
        }
    }
}
