package dev.jwal.api.error;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** An I/O operation on a log file failed; the cause is the original {@link IOException}. */
public class WalIOException extends WalException {
    private final transient Path path;

    /**
     * A failed operation on a file.
     *
     * @param operation what was being done, e.g. {@code "forcing"}
     * @param path      the file or directory concerned; not serialized
     * @param cause     the original failure
     */
    public WalIOException(String operation, Path path, IOException cause) {
        super(operation + " failed for " + path + ": " + reason(cause), cause);
        this.path = path;
    }

    /**
     * What went wrong, without repeating the path: a {@link FileSystemException}'s message is often the path
     * alone ("reading failed for x.wal: x.wal").
     */
    private static String reason(IOException cause) {
        String kind = cause.getClass().getSimpleName().replaceAll("Exception$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof FileSystemException fileSystem) {
            String why = fileSystem.getReason();
            String other = fileSystem.getOtherFile();
            return (why != null ? why : kind) + (other != null ? " (" + other + ")" : "");
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? kind : message;
    }

    /**
     * The file or directory the failed operation was about.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }
}
