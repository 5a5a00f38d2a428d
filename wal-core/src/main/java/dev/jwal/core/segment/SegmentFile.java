package dev.jwal.core.segment;

import java.nio.file.Path;

/**
 * A segment file and the number its name carries. Ordered by that number.
 *
 * @param path   the file
 * @param number the number in its name: its first LSN (ours) or first LSN + 1 (the reference's)
 */
public record SegmentFile(Path path, long number) implements Comparable<SegmentFile> {
    @Override
    public int compareTo(SegmentFile other) {
        return Long.compare(number, other.number);
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
