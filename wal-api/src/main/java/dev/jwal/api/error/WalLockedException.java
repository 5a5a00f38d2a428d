package dev.jwal.api.error;

import java.nio.file.Path;

/** Another writer, in this process or another, already has the log directory open. */
public class WalLockedException extends WalException {
    /**
     * A refused opener.
     *
     * @param directory the log directory
     * @param detail    who holds it, e.g. {@code "process"}
     */
    public WalLockedException(Path directory, String detail) {
        super("log directory " + directory + " is already open for writing by another "
                + detail + "; only one writer may open a log directory at a time");
    }
}
