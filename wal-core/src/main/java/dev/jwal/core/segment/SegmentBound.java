package dev.jwal.core.segment;

/**
 * How far a segment holds finished records: what a reader beside the live writer may read of the active
 * segment (not the room preallocated after it, nor a record half written).
 *
 * @param segment the segment, usually the active one
 * @param size    bytes of it that hold finished records
 */
public record SegmentBound(SegmentFile segment, long size) {
}
