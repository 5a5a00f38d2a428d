package dev.jwal.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a log directory exists before a command reads it, so that a
 * mistyped path fails with one clear line. What is inside is the library's to
 * judge: it refuses, naming the file, a segment or metadata name that is a
 * link, a directory or a FIFO. Stateless.
 */
final class LogDirectoryCheck {
    private LogDirectoryCheck() {
    }

    /**
     * @throws CliFailure with exit code {@value ExitCodes#IO_ERROR} naming the path
     */
    static void requireReadableLog(Path directory) {
        if (!Files.exists(directory)) {
            throw new CliFailure(ExitCodes.IO_ERROR, "no log directory at " + directory + ": it does not exist", null);
        }
        if (!Files.isDirectory(directory)) {
            throw new CliFailure(ExitCodes.IO_ERROR, directory + " is not a directory", null);
        }
    }
}
