package dev.jwal.core.retention;

import dev.jwal.core.segment.SegmentFile;

import java.time.Instant;

/**
 * What retention weighs of one segment.
 *
 * @param file     the segment
 * @param bytes    its size (for the active segment, the bytes written, not the room reserved after them)
 * @param modified when its file was last modified
 */
public record SegmentStat(SegmentFile file, long bytes, Instant modified) {
}
