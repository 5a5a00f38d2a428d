package dev.jwal.cli;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output whose reader goes away after {@code limit} bytes, failing as a closed pipe does. */
final class PipeClosedAfter extends OutputStream {
    private final int limit;
    private int written;

    PipeClosedAfter(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        written += length;
        if (written > limit) {
            throw new IOException("Broken pipe");
        }
    }
}
