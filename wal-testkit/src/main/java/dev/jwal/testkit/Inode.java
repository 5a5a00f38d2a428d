package dev.jwal.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated disk knows of one file, whatever name it has: where its
 * written data ends (the real file may go on with reserved zeros), how many of
 * its bytes a completed force made durable, how long a completed force made
 * the file itself (reserved zeros included), which bytes a failed force lost,
 * and, once no name points to it on disk any more, its content kept aside in
 * case a power loss brings a durable name for it back. Guarded by the file
 * system's monitor.
 */
final class Inode {
    private long writtenLength;
    private long durableLength;
    private long durableFileLength;
    private final List<long[]> lostRanges = new ArrayList<>();
    private byte[] detachedContent;

    /** A file of {@code length} bytes, all of them data and durable. */
    Inode(long length) {
        this.writtenLength = length;
        this.durableLength = length;
        this.durableFileLength = length;
    }

    /**
     * Where the written data ends: the logical end of the file, where its next write lands. Past it the
     * real file holds only reserved zeros, if anything.
     */
    long writtenLength() {
        return writtenLength;
    }

    /** Data was written up to {@code end} (a write, or an open that takes the whole real file as data). */
    void written(long end) {
        writtenLength = Math.max(writtenLength, end);
    }

    /** The real file was cut at {@code length} without forcing (a release of reserved room). */
    void cut(long length) {
        writtenLength = Math.min(writtenLength, length);
    }

    /** How many bytes of data a completed force (or a forced truncation) made durable. */
    long durableLength() {
        return durableLength;
    }

    /**
     * How long a completed force (or a forced truncation) made the file, reserved zeros included: a power
     * loss leaves it at least this long, with zeros after the data that survived.
     */
    long durableFileLength() {
        return durableFileLength;
    }

    /**
     * A completed force (or a forced truncation): the first {@code dataLength} bytes are durable, and so is
     * the file's length, {@code fileLength} (at least {@code dataLength}; more while room is reserved).
     */
    void forced(long dataLength, long fileLength) {
        durableLength = dataLength;
        durableFileLength = Math.max(dataLength, fileLength);
    }

    /**
     * A force failed with the file {@code length} bytes long: the kernel may have dropped the dirty
     * pages, so the bytes past the durable length never reach the disk, even if a later force succeeds.
     */
    void forceFailed(long length) {
        if (length > durableLength) {
            lostRanges.add(new long[]{durableLength, length});
        }
    }

    /**
     * The first {@code length} bytes were written again and forced: a failed force lost none of them any
     * more (written again, their pages were dirty again, and the force wrote them).
     */
    void rewritten(long length) {
        lostRanges.removeIf(range -> range[1] <= length);
        for (long[] range : lostRanges) {
            range[0] = Math.max(range[0], length);
        }
    }

    /** The file was cut to {@code length} bytes (by a truncation, not by a release of reserved room). */
    void truncated(long length) {
        writtenLength = Math.min(writtenLength, length);
        durableLength = Math.min(durableLength, length);
        durableFileLength = Math.min(durableFileLength, length);
        lostRanges.removeIf(range -> range[0] >= length);
        for (long[] range : lostRanges) {
            range[1] = Math.min(range[1], length);
        }
    }

    /** Byte ranges, {@code [from, to)}, that read back as zeros after a power loss. */
    List<long[]> lostRanges() {
        return lostRanges;
    }

    /** Keeps the file's content aside: no name on disk holds it any more. */
    void detach(byte[] content) {
        detachedContent = content;
    }

    /** The content kept aside by {@link #detach}, or null while a name on disk holds it. */
    byte[] detachedContent() {
        return detachedContent;
    }

    void reattached() {
        detachedContent = null;
    }
}
