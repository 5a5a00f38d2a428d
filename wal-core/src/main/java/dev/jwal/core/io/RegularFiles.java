package dev.jwal.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Opens files of a log directory for reading only as what they claim to be: regular files, reached without
 * following a symbolic link. A FIFO is refused before it is opened (opening one for reading would wait for a
 * writer). Stateless, thread safe.
 */
public final class RegularFiles {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private RegularFiles() {
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws NoSuchFileException       if it does not exist
     * @throws NotARegularFileException  if it is a link, a FIFO, a directory or a device
     * @throws IOException               if it cannot be opened
     */
    public static FileChannel openForReading(Path file) throws IOException {
        requireRegular(file);
        return FileChannel.open(file, READ);
    }

    /**
     * Checks that {@code file}, if it exists, is a regular file, without following a link.
     *
     * @return whether it exists
     * @throws NotARegularFileException if it exists and is not a regular file
     */
    public static boolean existsAsRegular(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = java.nio.file.Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            throw new NotARegularFileException(file, describe(attributes));
        }
        return true;
    }

    /**
     * Checks that {@code file} exists and is a regular file, without following a link.
     *
     * @throws NoSuchFileException      if it does not exist
     * @throws NotARegularFileException if it is not a regular file
     */
    public static void requireRegular(Path file) throws IOException {
        if (!existsAsRegular(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /**
     * The bytes of a small file, read only if it is a regular file of at most {@code maxBytes} bytes: a huge
     * or growing file costs no more memory than that.
     *
     * @throws NoSuchFileException      if it does not exist
     * @throws NotARegularFileException if it is a link, a FIFO, a directory or a device
     * @throws FileTooLargeException    if it holds more than {@code maxBytes} bytes
     * @throws IOException              if it cannot be read
     */
    public static byte[] readAtMost(Path file, int maxBytes) throws IOException {
        try (FileChannel channel = openForReading(file)) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new FileTooLargeException(file, size, maxBytes);
            }
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(maxBytes + 1);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // Until the end, or one byte past the limit if the file grew meanwhile.
            }
            if (bytes.position() > maxBytes) {
                throw new FileTooLargeException(file, bytes.position(), maxBytes);
            }
            return java.util.Arrays.copyOf(bytes.array(), bytes.position());
        }
    }

    /** A file holds more bytes than its format allows; it was not read. */
    public static final class FileTooLargeException extends IOException {
        FileTooLargeException(Path file, long size, int maxBytes) {
            super(String.format("%s is %,d bytes long, more than the %d a valid one can have", file, size, maxBytes));
        }
    }

    static String describe(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return "a special file (FIFO, socket or device)";
    }
}
