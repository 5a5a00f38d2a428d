package dev.jwal.core.read;

import dev.jwal.api.config.SegmentFormat;

/**
 * What a segment reader learned of its segment's layout while reading it, so that opening a log need not
 * read the segment again: its format and codec, whether it was damaged before its first record, and whether
 * its last record is complete but lacks its newline (a reference writer can leave that). Immutable.
 *
 * @param format      the segment's format, or null if its header is damaged
 * @param codec       the codec its payloads are written with, or null if its header is damaged
 * @param endsMidLine whether a lines segment's last record is valid but has no newline after it
 */
public record SegmentShape(SegmentFormat format, String codec, boolean endsMidLine) {
    /** A segment whose header cannot be read: nothing may be appended to it. */
    public static final SegmentShape DAMAGED = new SegmentShape(null, null, false);

    /** Whether appends in {@code format} with {@code codecName} may go on in this segment. */
    public boolean accepts(SegmentFormat otherFormat, String codecName) {
        return format == otherFormat && codecName.equals(codec);
    }
}
