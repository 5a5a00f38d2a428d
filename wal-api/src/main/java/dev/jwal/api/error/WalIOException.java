package dev.jwal.api.error;

import java.io.IOException;
import java.nio.file.Path;

/** An I/O operation on a log file failed; the cause is the original {@link IOException}. */
public class WalIOException extends WalException {
    private final transient Path path;

    public WalIOException(String operation, Path path, IOException cause) {
        super(operation + " failed for " + path + ": " + cause.getMessage(), cause);
        this.path = path;
    }

    /** The file or directory the failed operation was about. */
    public Path path() {
        return path;
    }
}
