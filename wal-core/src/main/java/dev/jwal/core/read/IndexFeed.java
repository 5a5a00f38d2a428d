package dev.jwal.core.read;

import dev.jwal.core.index.IndexEntry;
import dev.jwal.core.index.SegmentIndex;
import dev.jwal.core.index.SegmentIndexes;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;

/**
 * What a cursor does with the index of the segment it reads: offers it every record it passes in order while
 * the segment showed no damage (so reading a segment once rebuilds a missing index), and seeks with it towards
 * the LSN reading starts from. A seek lands only on a record the segment reader checked; an entry that points
 * at anything else is reported and the index forgotten ({@link SegmentIndex#wrong}), and reading goes on from
 * where it was, as a scan. Not thread safe: one per cursor.
 */
final class IndexFeed {
    private final SegmentIndexes indexes;
    private SegmentIndex index;
    private boolean clean;

    IndexFeed(SegmentIndexes indexes) {
        this.indexes = indexes;
    }

    /** Reading moves to {@code segment}. */
    void opened(SegmentFile segment) {
        index = indexes == null ? null : indexes.of(segment);
        clean = true;
    }

    /** The segment showed damage: records after it are not offered. */
    void damaged() {
        clean = false;
    }

    /** Record {@code lsn}, valid and in order, starts at {@code offset}. */
    void passed(long lsn, long offset) {
        if (index != null && clean) {
            index.offer(lsn, offset);
        }
    }

    /**
     * Moves {@code reader}, which has just read record {@code lastLsn}, to the last indexed record at or below
     * {@code fromLsn} that starts before {@code below}, if that is further on.
     *
     * @return the LSN of the record it moved to, or -1 if it did not move
     */
    long seekTowards(SegmentReader reader, SegmentFile segment, long fromLsn, long below, long lastLsn)
            throws IOException {
        if (index == null) {
            return -1;
        }
        IndexEntry entry = index.floor(fromLsn, below);
        if (entry == null || entry.lsn() <= lastLsn + 1 || entry.offset() < reader.endOffset()) {
            return -1;
        }
        if (reader.seek(entry.offset(), entry.lsn())) {
            return entry.lsn();
        }
        index.wrong(segment.path(), entry, "no valid record with that LSN starts there");
        return -1;
    }
}
