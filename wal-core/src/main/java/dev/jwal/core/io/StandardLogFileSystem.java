package dev.jwal.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@link LogFileSystem} on the JDK's file system: {@link FileChannel} writes and forces ({@code force(false)},
 * which is {@code fdatasync} on Linux: it commits a changed file size too). Reserved room is a sparse
 * extension.
 */
final class StandardLogFileSystem implements LogFileSystem {
    static final StandardLogFileSystem INSTANCE = new StandardLogFileSystem();

    private StandardLogFileSystem() {
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            forceDirectory(parent);
        }
    }

    @Override
    public AppendableFile createNew(Path file, byte[] header) throws IOException {
        Path temporary = writeTemporary(file, header);
        // rename(2) would silently replace an existing file; a hard link fails if the name is taken.
        try {
            Files.createLink(file, temporary);
            Files.delete(temporary);
        } catch (UnsupportedOperationException noHardLinks) {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        forceDirectory(file.getParent());
        return openForAppend(file);
    }

    @Override
    public AppendableFile openForAppend(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            channel.position(channel.size());
            return new ChannelFile(file, channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        Path temporary = writeTemporary(file, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    private static Path writeTemporary(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
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
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return new ChannelFile(file, channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        requireSameDirectory(source, target);
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.delete(file);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A file appended to through a {@link FileChannel} positioned at its end. */
    private static final class ChannelFile implements AppendableFile {
        private final Path path;
        private final FileChannel channel;
        private long size;

        ChannelFile(Path path, FileChannel channel) throws IOException {
            this.path = path;
            this.channel = channel;
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
            long remaining = 0;
            for (ByteBuffer buffer : buffers) {
                remaining += buffer.remaining();
            }
            while (remaining > 0) {
                long written = channel.write(buffers);
                remaining -= written;
                size += written;
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        /** Extends the file sparsely: one zero byte at the new end, so no block is written for the rest. */
        @Override
        public void reserve(long length) throws IOException {
            if (channel.size() < length) {
                ByteBuffer lastByte = ByteBuffer.allocate(1);
                while (lastByte.hasRemaining()) {
                    channel.write(lastByte, length - 1);
                }
            }
        }

        @Override
        public void releaseReserved() throws IOException {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
