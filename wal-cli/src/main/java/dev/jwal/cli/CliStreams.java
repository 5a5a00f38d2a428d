package dev.jwal.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The byte streams a command reads and writes: standard input, output and error
 * for the real {@code wal} process, in-memory streams in tests. Commands buffer
 * them themselves and always write UTF-8.
 *
 * @param in        where {@code wal append} reads entries
 * @param out       where records, reports and acknowledgements go
 * @param err       where error messages and warnings go
 * @param terminals which of the three are terminals: progress is drawn on standard error only when it is one
 */
public record CliStreams(InputStream in, OutputStream out, OutputStream err, Terminals terminals) {

    public CliStreams {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(terminals, "terminals");
    }

    /** Streams none of which is a terminal (in-memory streams, pipes, files). */
    public CliStreams(InputStream in, OutputStream out, OutputStream err) {
        this(in, out, err, Terminals.none());
    }

    /**
     * The process's standard streams, unbuffered and without any charset of
     * their own (unlike {@link System#out}), so the commands' buffering and
     * UTF-8 encoding are the only ones.
     */
    public static CliStreams system() {
        return new CliStreams(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), Terminals.detect());
    }
}
