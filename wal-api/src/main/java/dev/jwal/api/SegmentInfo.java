package dev.jwal.api;

import dev.jwal.api.config.SegmentFormat;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished segment file, as a {@link SegmentListener} is told of it: every record in it is on stable storage
 * and no writer appends to it while the listener runs.
 *
 * @param path     the segment file, in the log directory; read it, never change it
 * @param firstLsn the LSN of its first record
 * @param lastLsn  the LSN of its last record; {@code firstLsn - 1} for a segment that holds no record
 * @param size     its size in bytes, as it was when it was finished
 * @param format   its segment format
 * @param codec    the name of the codec its records are written with
 */
public record SegmentInfo(Path path, long firstLsn, long lastLsn, long size, SegmentFormat format, String codec) {

    /**
     * Checks the components.
     *
     * @param path     the segment file
     * @param firstLsn the LSN of its first record
     * @param lastLsn  the LSN of its last record, or {@code firstLsn - 1}
     * @param size     its size in bytes
     * @param format   its segment format
     * @param codec    its codec's name
     * @throws NullPointerException     if {@code path}, {@code format} or {@code codec} is null
     * @throws IllegalArgumentException if an LSN or the size is negative, or {@code lastLsn < firstLsn - 1}
     */
    public SegmentInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(codec, "codec");
        if (firstLsn < 0 || lastLsn < firstLsn - 1 || size < 0) {
            throw new IllegalArgumentException(String.format("a segment spans LSNs %d to %d in %d bytes: %s",
                    firstLsn, lastLsn, size, path));
        }
    }

    /** {@return the number of records in the segment} */
    public long records() {
        return lastLsn - firstLsn + 1;
    }
}
