package dev.jwal.storage;

import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An {@link OutputStream} that appends to a file of the log's file-I/O seam, so that a snapshot streamed
 * through {@code DataOutputStream} is written by the seam (and a simulated disk can fail or cut it). Each
 * call is one seam write: wrap it in a {@link java.io.BufferedOutputStream}. Closing it does not close the
 * file, whose owner forces and closes it. Not thread safe. Every method throws the seam's
 * {@link IOException}.
 */
final class AppendableFileOutputStream extends OutputStream {
    private final LogFileSystem.AppendableFile file;

    AppendableFileOutputStream(LogFileSystem.AppendableFile file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > 0) {
            file.write(new ByteBuffer[]{ByteBuffer.wrap(bytes, offset, length)});
        }
    }
}
