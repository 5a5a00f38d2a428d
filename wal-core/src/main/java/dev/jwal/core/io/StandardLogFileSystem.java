package dev.jwal.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * {@link LogFileSystem} on the JDK's file system: {@link FileChannel} writes and forces ({@code force(false)},
 * which is {@code fdatasync} on Linux: it commits a changed file size too). Reserved room is a sparse
 * extension.
 *
 * <p>Nothing here follows a symbolic link: files are opened with {@link LinkOption#NOFOLLOW_LINKS}, new and
 * temporary files are created exclusively, and a name that is not a regular file is refused with
 * {@link NotARegularFileException}, so nothing the log writes or cuts resolves outside its directory. An
 * interrupt of the calling thread aborts no operation (see {@link Uninterruptibly}).
 */
final class StandardLogFileSystem implements LogFileSystem {
    static final StandardLogFileSystem INSTANCE = new StandardLogFileSystem();
    /** Readable too: a file with mapped writes is mapped read-write from its channel. */
    private static final Set<OpenOption> WRITE = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.CREATE_NEW);
    static final String TEMPORARY_SUFFIX = ".tmp";

    private StandardLogFileSystem() {
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Uninterruptibly.run(() -> {
            Files.createDirectories(directory);
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                forceDirectory(parent);
            }
            return null;
        });
    }

    @Override
    public AppendableFile createNew(Path file, byte[] header) throws IOException {
        Uninterruptibly.run(() -> {
            Path temporary = writeTemporary(file, header);
            // rename(2) would silently replace an existing file; a hard link fails if the name is taken.
            try {
                Files.createLink(file, temporary);
                Files.delete(temporary);
            } catch (UnsupportedOperationException noHardLinks) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(file.toString());
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            forceDirectory(file.getParent());
            return null;
        });
        return openForAppend(file);
    }

    @Override
    public AppendableFile openForAppend(Path file) throws IOException {
        return Uninterruptibly.call(() -> {
            RegularFiles.requireRegular(file);
            return new ChannelFile(file, open(file, WRITE), -1);
        });
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        Uninterruptibly.run(() -> {
            // rename(2) replaces a link itself, never its target; refuse one all the same, it was not ours.
            RegularFiles.existsAsRegular(file);
            Path temporary = writeTemporary(file, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(file.getParent());
            return null;
        });
    }

    /**
     * Writes {@code content} to {@code target}'s temporary name, created exclusively: a leftover regular
     * file of a crashed writer is deleted first, a link or special file there is refused.
     */
    private static Path writeTemporary(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
        if (RegularFiles.existsAsRegular(temporary)) {
            Files.delete(temporary);
        }
        try (FileChannel channel = FileChannel.open(temporary, CREATE_NEW)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        return temporary;
    }

    @Override
    public AppendableFile createFile(Path file) throws IOException {
        // O_CREAT | O_EXCL: fails on any existing name, a dangling link included.
        return Uninterruptibly.call(() -> new ChannelFile(file, FileChannel.open(file, CREATE_NEW), 0));
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        requireSameDirectory(source, target);
        Uninterruptibly.run(() -> {
            RegularFiles.requireRegular(source);
            RegularFiles.existsAsRegular(target);
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    /**
     * @throws IllegalArgumentException if {@code source} and {@code target} are in different directories
     */
    private static void requireSameDirectory(Path source, Path target) {
        Path from = source.toAbsolutePath().normalize().getParent();
        Path to = target.toAbsolutePath().normalize().getParent();
        if (from == null || !from.equals(to)) {
            throw new IllegalArgumentException("a rename stays in one directory: " + source + " -> " + target);
        }
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        Uninterruptibly.run(() -> {
            RegularFiles.requireRegular(file);
            try (FileChannel channel = open(file, WRITE)) {
                channel.truncate(size);
                channel.force(true);
            }
            return null;
        });
    }

    @Override
    public void rewriteInPlace(Path file, long length) throws IOException {
        Uninterruptibly.run(() -> {
            RegularFiles.requireRegular(file);
            try (FileChannel channel = open(file, WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, REWRITE_CHUNK));
                long at = 0;
                while (at < length) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), length - at));
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, at + buffer.position()) < 0) {
                            throw new EOFException(file + " ends at " + (at + buffer.position())
                                    + ", before the " + length + " bytes to write again");
                        }
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        at += channel.write(buffer, at);
                    }
                }
                channel.force(false);
            }
            return null;
        });
    }

    /** Bytes read and written again at a time by {@link #rewriteInPlace}. */
    private static final int REWRITE_CHUNK = 1 << 20;

    @Override
    public void delete(Path file) throws IOException {
        // Deleting a link removes the link, never its target.
        Files.delete(file);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        Uninterruptibly.run(() -> {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
            return null;
        });
    }

    private static FileChannel open(Path file, Set<OpenOption> options) throws IOException {
        return FileChannel.open(file, options);
    }

    /**
     * A file appended to through a {@link FileChannel} positioned at its end. The JDK closes a channel when
     * any thread using it is interrupted, for every thread: the interrupted one gets
     * {@link ClosedByInterruptException}, the others (a force running beside a write) an
     * {@link java.nio.channels.AsynchronousCloseException}. Either way the file is reopened once, by whoever
     * sees it first, and the operation repeated: a write from where it started (the same bytes at the same
     * offsets), a force in full. Writes are serialized by the log; a force may run beside one.
     */
    private static final class ChannelFile implements AppendableFile {
        private final Path path;
        private volatile FileChannel channel;
        /** Set when another thread reopened the channel: the next write must position it first. */
        private volatile boolean repositionBeforeWrite;
        private boolean closed;
        private long size;
        /** Buffer positions before a write, to write the same bytes again if the channel closed under it. */
        private int[] positions = new int[4];
        /** The mapped reserved room writes are copied into, or null: every write goes through the channel. */
        private MappedRoom mapped;
        /** Set after a write through the channel: the next force must force the whole file, not the mapped range. */
        private volatile boolean channelWritten = true;
        /** Set after a copy into the mapping: the channel's position is behind {@link #size}. */
        private boolean channelBehind;
        private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(MappedRoom.ZERO_FILL_CHUNK);

        /** @param size where appends go, or -1 for the file's end */
        ChannelFile(Path path, FileChannel channel, long size) throws IOException {
            this.path = path;
            this.channel = channel;
            this.size = size >= 0 ? size : channel.size();
            channel.position(this.size);
        }

        /**
         * Replaces {@code dead}, the channel an interrupt closed, unless another thread did already.
         *
         * @throws ClosedChannelException if the file was closed on purpose
         */
        private synchronized FileChannel reopen(FileChannel dead) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (channel == dead) {
                channel = open(path, WRITE);
                repositionBeforeWrite = true;
            }
            return channel;
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
            if (mapped != null) {
                long bytes = 0;
                for (ByteBuffer buffer : buffers) {
                    bytes += buffer.remaining();
                }
                if (mapped.fits(size, bytes)) {
                    mapped.copy(buffers, size, bytes);
                    size += bytes;
                    channelBehind = true;
                    return;
                }
            }
            if (channelBehind) {
                channelBehind = false;
                repositionBeforeWrite = true;
            }
            channelWritten = true;
            writeThroughChannel(buffers);
        }

        private void writeThroughChannel(ByteBuffer[] buffers) throws IOException {
            // Inline rather than through Uninterruptibly: this is every append's path, so it allocates nothing.
            if (positions.length < buffers.length) {
                positions = new int[buffers.length];
            }
            for (int i = 0; i < buffers.length; i++) {
                positions[i] = buffers[i].position();
            }
            long start = size;
            boolean interrupted = Thread.interrupted();
            try {
                while (true) {
                    FileChannel current = channel;
                    try {
                        if (repositionBeforeWrite) {
                            repositionBeforeWrite = false;
                            current.position(start);
                        }
                        writeFully(current, buffers);
                        return;
                    } catch (ClosedChannelException e) {
                        interrupted |= e instanceof ClosedByInterruptException;
                        Thread.interrupted();
                        for (int i = 0; i < buffers.length; i++) {
                            buffers[i].position(positions[i]);
                        }
                        size = start;
                        reopen(current);
                        repositionBeforeWrite = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void writeFully(FileChannel current, ByteBuffer[] buffers) throws IOException {
            long remaining = 0;
            for (ByteBuffer buffer : buffers) {
                remaining += buffer.remaining();
            }
            while (remaining > 0) {
                long written = current.write(buffers);
                remaining -= written;
                size += written;
            }
        }

        @Override
        public void force() throws IOException {
            if (mapped != null && !channelWritten) {
                try {
                    mapped.force();
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                return;
            }
            // Clear first: a write through the channel racing this force sets it again for the next force.
            channelWritten = false;
            try {
                repeatIfClosedUnder(current -> current.force(false));
            } catch (IOException | RuntimeException e) {
                channelWritten = true;
                throw e;
            }
        }

        /**
         * Reserves the room sparsely, then maps it if the file system is one where a store into a block that was
         * written before needs no new block ({@link MappedRoom#MAPPABLE_FILE_SYSTEMS}): writes that fit in it
         * become memory copies, with zeros written ahead of them so that no copy lands in a hole (see
         * {@link MappedRoom}). Elsewhere (copy-on-write file systems) the room is reserved but not mapped.
         */
        @Override
        public void reserveMapped(long length) throws IOException {
            reserve(length);
            if (mapped == null && length > size && MappedRoom.mappable(path)) {
                mapped = MappedRoom.map(path, size, length, this::fillZeros, this::mapWindow,
                        () -> repeatIfClosedUnder(current -> current.force(false)));
            }
        }

        /** Maps {@code [from, from + length)} read-write, from whichever channel is open. */
        private java.nio.MappedByteBuffer mapWindow(long from, long length) throws IOException {
            java.nio.MappedByteBuffer[] window = new java.nio.MappedByteBuffer[1];
            repeatIfClosedUnder(current -> window[0] = current.map(FileChannel.MapMode.READ_WRITE, from, length));
            return window[0];
        }

        /** Writes zeros over {@code [from, to)} with positional writes; where appends go does not move. */
        private void fillZeros(long from, long to) throws IOException {
            repeatIfClosedUnder(current -> {
                long at = from;
                while (at < to) {
                    ByteBuffer zeros = ZEROS.duplicate();
                    zeros.limit((int) Math.min(zeros.capacity(), to - at));
                    while (zeros.hasRemaining()) {
                        at += current.write(zeros, at);
                    }
                }
            });
        }

        /** Extends the file sparsely: one zero byte at the new end, so no block is written for the rest. */
        @Override
        public void reserve(long length) throws IOException {
            channelWritten = true; // the new length is durable after the next force of the whole file
            repeatIfClosedUnder(current -> {
                if (current.size() < length) {
                    ByteBuffer lastByte = ByteBuffer.allocate(1);
                    while (lastByte.hasRemaining()) {
                        current.write(lastByte, length - 1);
                    }
                }
            });
        }

        @Override
        public void releaseReserved() throws IOException {
            long end = size;
            if (mapped != null) {
                // Forced by the next force, with the cut: nothing is copied into the mapping any more.
                mapped.release();
                mapped = null;
            }
            channelWritten = true;
            repeatIfClosedUnder(current -> {
                if (current.size() > end) {
                    current.truncate(end);
                }
            });
        }

        /** An operation that may be repeated in full on a reopened channel. */
        @FunctionalInterface
        private interface ChannelOperation {
            void run(FileChannel current) throws IOException;
        }

        private void repeatIfClosedUnder(ChannelOperation operation) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                while (true) {
                    FileChannel current = channel;
                    try {
                        operation.run(current);
                        return;
                    } catch (ClosedChannelException e) {
                        interrupted |= e instanceof ClosedByInterruptException;
                        Thread.interrupted();
                        reopen(current);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeChannel();
            } finally {
                if (mapped != null) {
                    // Outside this file's monitor: a fill ahead still running finds the channel closed through it.
                    mapped.release();
                }
            }
        }

        private synchronized void closeChannel() throws IOException {
            closed = true;
            channel.close();
        }
    }
}
