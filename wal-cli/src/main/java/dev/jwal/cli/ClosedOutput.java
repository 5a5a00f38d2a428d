package dev.jwal.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that tells a reader who went away (the pipe's other end
 * closed, as {@code wal dump DIR | head} does) from a real write failure: a
 * broken pipe becomes {@link Closed}, which the command treats as a quiet end
 * rather than an error. Other failures pass through unchanged.
 */
final class ClosedOutput extends FilterOutputStream {

    /** The reader of standard output has gone; nothing more can be delivered. */
    static final class Closed extends IOException {
        Closed(IOException cause) {
            super("standard output was closed by its reader: " + cause.getMessage(), cause);
        }
    }

    ClosedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw translated(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw translated(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw translated(e);
        }
    }

    /** Whether {@code failure}, or any of its causes, is standard output closed by its reader. */
    static boolean isClosed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Closed) {
                return true;
            }
        }
        return false;
    }

    private static IOException translated(IOException e) {
        String message = e.getMessage();
        return message != null && message.contains("Broken pipe") ? new Closed(e) : e;
    }
}
