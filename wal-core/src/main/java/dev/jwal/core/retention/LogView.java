package dev.jwal.core.retention;

import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;

import java.util.List;
import java.util.OptionalLong;

/** What retention and the segment listeners need to see of an open log. Implementations are thread safe. */
public interface LogView {

    /** The log's segments and where appends stand, taken together while no record is written. */
    Snapshot snapshot();

    /** The last persisted checkpoint, or empty if there is none. */
    OptionalLong lastCheckpointLsn();

    /**
     * The log at one instant.
     *
     * @param segments       every segment file, in order
     * @param active         the segment appends go to and its written size, or null when there is none (a new
     *                       log, or one whose next write starts a new segment)
     * @param activeFirstLsn the LSN of the active segment's first record (of the next record while it holds
     *                       none); {@code nextLsn} when there is no active segment
     * @param nextLsn        the LSN the next record will get
     */
    record Snapshot(List<SegmentFile> segments, SegmentBound active, long activeFirstLsn, long nextLsn) {
        public Snapshot {
            segments = List.copyOf(segments);
        }

        /** The active segment's file, or null. */
        public SegmentFile activeFile() {
            return active == null ? null : active.segment();
        }
    }
}
