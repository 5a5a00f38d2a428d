package dev.jwal.core.archive;

import dev.jwal.core.io.RegularFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a segment's copy already in an archive compares with the bytes about to be archived. Stateless.
 */
public enum ArchivedCopy {
    /** No copy yet. */
    NONE,
    /** The same bytes: nothing to do. */
    SAME,
    /**
     * A shorter copy that the new bytes begin with: the segment was the last of a closed log when it was
     * archived, and a writer appended to it since. Replacing it loses nothing.
     */
    PREFIX,
    /** Different bytes: another log's segment, or a damaged copy. Never replaced. */
    DIFFERENT;

    private static final int CHUNK = 1 << 16;

    /**
     * Compares {@code archived} with bytes {@code [0, length)} of {@code source}.
     *
     * @throws IOException if either cannot be read, or {@code archived} is not a regular file
     */
    public static ArchivedCopy compare(Path archived, Path source, long length) throws IOException {
        if (!RegularFiles.existsAsRegular(archived)) {
            return NONE;
        }
        try (FileChannel old = RegularFiles.openForReading(archived);
             FileChannel now = RegularFiles.openForReading(source)) {
            long oldSize = old.size();
            if (oldSize > length) {
                return DIFFERENT;
            }
            if (!samePrefix(old, now, oldSize)) {
                return DIFFERENT;
            }
            return oldSize == length ? SAME : PREFIX;
        }
    }

    private static boolean samePrefix(FileChannel a, FileChannel b, long length) throws IOException {
        ByteBuffer left = ByteBuffer.allocate(CHUNK);
        ByteBuffer right = ByteBuffer.allocate(CHUNK);
        for (long at = 0; at < length; ) {
            int want = (int) Math.min(CHUNK, length - at);
            if (!readFully(a, left, at, want) || !readFully(b, right, at, want)) {
                return false;
            }
            if (!Arrays.equals(left.array(), 0, want, right.array(), 0, want)) {
                return false;
            }
            at += want;
        }
        return true;
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long at, int want) throws IOException {
        buffer.clear().limit(want);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}
