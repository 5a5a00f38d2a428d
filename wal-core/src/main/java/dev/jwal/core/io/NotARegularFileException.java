package dev.jwal.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A name in the log directory that the log reads or writes is not a regular file: a symbolic link (the log
 * never follows one, so nothing it writes or cuts can resolve outside its directory), a FIFO (reading it
 * could block forever), a directory or a device. Nothing was read or changed through it.
 */
public final class NotARegularFileException extends IOException {
    private final transient Path file;

    NotARegularFileException(Path file, String what) {
        super(file + " is " + what + ", not a regular file; jwal never follows links nor reads special files "
                + "in a log directory: remove it or put the regular file it stands for in its place");
        this.file = file;
    }

    /** The offending name. */
    public Path file() {
        return file;
    }
}
