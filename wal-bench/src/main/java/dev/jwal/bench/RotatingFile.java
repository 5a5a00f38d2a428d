package dev.jwal.bench;

import dev.jwal.api.config.WalConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * The raw baselines' file: a bare {@link FileChannel} appending in a fresh directory, starting a new file
 * every {@link WalConfig#DEFAULT_SEGMENT_SIZE} bytes as the log starts a new segment (but without the
 * log's rename and directory force, and without its force unless told), and deleting the oldest files once
 * more than {@link #BUDGET} bytes are kept, so the disk use stays bounded however long an iteration runs.
 * Not thread safe.
 */
final class RotatingFile implements AutoCloseable {
    /** Bytes kept before the oldest files are deleted; the appending benchmarks use the same bound. */
    static final long BUDGET = 2L * 1024 * 1024 * 1024;

    private final Path directory;
    private final boolean forceAtRotation;
    private final ArrayDeque<Path> finished = new ArrayDeque<>();
    private FileChannel channel;
    private long size;
    private long finishedBytes;
    private int files;

    /** A file that is never forced unless {@link #force} is called. */
    RotatingFile(Path directory) {
        this(directory, false);
    }

    /**
     * With {@code forceAtRotation}, each file is forced ({@code fdatasync}) before the next is started, the
     * least a log does that keeps a segment durable before the next takes records.
     */
    RotatingFile(Path directory, boolean forceAtRotation) {
        this.directory = directory;
        this.forceAtRotation = forceAtRotation;
        openNext();
    }

    /** Writes all of {@code buffer}. */
    void write(ByteBuffer buffer) throws IOException {
        rotateIfFull();
        while (buffer.hasRemaining()) {
            size += channel.write(buffer);
        }
    }

    /** Writes all of {@code buffers[0..count)} with gathering writes. */
    void write(ByteBuffer[] buffers, int count) throws IOException {
        rotateIfFull();
        long remaining = 0;
        for (int i = 0; i < count; i++) {
            remaining += buffers[i].remaining();
        }
        while (remaining > 0) {
            long written = channel.write(buffers, 0, count);
            remaining -= written;
            size += written;
        }
    }

    /** {@code fdatasync}, as the log's force. */
    void force() throws IOException {
        channel.force(false);
    }

    private void rotateIfFull() throws IOException {
        if (size < WalConfig.DEFAULT_SEGMENT_SIZE) {
            return;
        }
        if (forceAtRotation) {
            channel.force(false);
        }
        channel.close();
        finishedBytes += size;
        finished.add(current());
        while (finishedBytes > BUDGET) {
            Path oldest = finished.remove();
            finishedBytes -= Files.size(oldest);
            Files.delete(oldest);
        }
        openNext();
    }

    private Path current() {
        return directory.resolve(String.format("%08d.raw", files));
    }

    private void openNext() {
        files++;
        size = 0;
        try {
            channel = FileChannel.open(current(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + current(), e);
        }
    }

    /** Closes the file and deletes the directory. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BenchDirs.delete(directory);
        }
    }
}
