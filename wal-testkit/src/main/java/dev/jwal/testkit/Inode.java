package dev.jwal.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated disk knows of one file, whatever name it has: how many of
 * its bytes a completed force made durable, which bytes a failed force lost,
 * and, once no name points to it on disk any more, its content kept aside in
 * case a power loss brings a durable name for it back. Guarded by the file
 * system's monitor.
 */
final class Inode {
    private long durableLength;
    private final List<long[]> lostRanges = new ArrayList<>();
    private byte[] detachedContent;

    Inode(long durableLength) {
        this.durableLength = durableLength;
    }

    long durableLength() {
        return durableLength;
    }

    /** A completed force (or a forced truncation) made the first {@code length} bytes durable. */
    void forced(long length) {
        durableLength = length;
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

    /** The file was cut to {@code length} bytes. */
    void truncated(long length) {
        durableLength = Math.min(durableLength, length);
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
