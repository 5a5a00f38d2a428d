package dev.jwal.testkit;

import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file of a {@link SimulatedFileSystem} open for appending: writes land in
 * the real file at once (the page cache of the simulation); forces only move
 * the file's durable length. {@link #reserve} extends the real file with zeros
 * past {@link #size()} (sparsely: it writes one zero byte at the end), and
 * {@link #releaseReserved()} cuts it back at {@link #size()}; either change of
 * the file's length is durable after the next completed force. Each write,
 * force, reserve and release goes through the file system, which injects
 * faults and refuses them after a power loss. Not thread safe, as the seam
 * allows.
 */
final class SimulatedFile implements LogFileSystem.AppendableFile {
    private final SimulatedFileSystem fs;
    private final Path path;
    private final FileChannel channel;
    private final Inode inode;
    private final long epoch;
    private volatile long size;

    SimulatedFile(SimulatedFileSystem fs, Path path, FileChannel channel, Inode inode, long epoch) throws IOException {
        this.fs = fs;
        this.path = path;
        this.channel = channel;
        this.inode = inode;
        this.epoch = epoch;
        this.size = channel.size();
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        fs.write(this, buffers);
    }

    @Override
    public void force() throws IOException {
        fs.force(this);
    }

    @Override
    public void reserve(long length) throws IOException {
        fs.reserve(this, length);
    }

    @Override
    public void releaseReserved() throws IOException {
        fs.releaseReserved(this);
    }

    /** Closes the real file; never fails for the simulation's sake, and writes nothing. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    Inode inode() {
        return inode;
    }

    long epoch() {
        return epoch;
    }

    /** The real file's length: every byte written, durable or not, and the reserved zeros after them. */
    long fileLength() throws IOException {
        return channel.size();
    }

    /**
     * Extends the real file with zeros to {@code length} bytes if it is shorter, sparsely (one zero byte at
     * its end), leaving {@link #size()} where it is.
     */
    void extendTo(long length) throws IOException {
        if (channel.size() < length) {
            ByteBuffer zero = ByteBuffer.allocate(1);
            while (zero.hasRemaining()) {
                channel.write(zero, length - 1);
            }
        }
    }

    /** Cuts the real file at {@link #size()}, dropping the reserved zeros after it. */
    void cutAtSize() throws IOException {
        if (channel.size() > size) {
            channel.truncate(size);
        }
        inode.cut(size);
    }

    /**
     * Writes up to {@code limit} bytes of {@code buffers}, in order, at {@link #size()}: at the end of the
     * file, or into its reserved room, overwriting the zeros.
     *
     * @return the bytes written
     */
    long writeAtEnd(ByteBuffer[] buffers, long limit) throws IOException {
        long left = limit;
        for (ByteBuffer buffer : buffers) {
            if (left == 0) {
                break;
            }
            int take = (int) Math.min(buffer.remaining(), left);
            ByteBuffer part = buffer.duplicate();
            part.limit(part.position() + take);
            try {
                while (part.hasRemaining()) {
                    size += channel.write(part, size);
                }
            } finally {
                inode.written(size);
            }
            buffer.position(buffer.position() + take);
            left -= take;
        }
        return limit - left;
    }
}
