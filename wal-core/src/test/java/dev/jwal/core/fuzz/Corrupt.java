package dev.jwal.core.fuzz;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one way the fuzz cases damage a file, like etcd's corruption helpers: every mutation that changes bytes
 * goes through here, so what "corrupt" means is defined once. Writing past the end extends the file.
 */
final class Corrupt {
    private Corrupt() {
    }

    /** Overwrites {@code bytes} at {@code offset} of {@code file}. */
    static void corrupt(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    /** Flips bit {@code bit} (0 to 7) of the byte at {@code offset}; nothing if the file is shorter. */
    static void flipBit(Path file, long offset, int bit) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (offset >= raf.length()) {
                return;
            }
            raf.seek(offset);
            int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ (1 << bit));
        }
    }

    /** Overwrites {@code length} bytes at {@code offset} with zeros (a page the disk never wrote). */
    static void zeros(Path file, long offset, int length) throws IOException {
        corrupt(file, offset, new byte[length]);
    }

    /** Cuts {@code file} to {@code length} bytes (no-op if it is shorter). */
    static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() > length) {
                raf.setLength(length);
            }
        }
    }

    /** Makes {@code file} {@code length} bytes long, sparsely: it costs no disk. */
    static void sparse(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    /** Whether {@code file} is a regular file, not a symbolic link to one. */
    static boolean isPlainFile(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }
}
