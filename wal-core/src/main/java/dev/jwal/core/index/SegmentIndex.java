package dev.jwal.core.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sparse index of one segment, in memory: record boundaries at least {@link #INTERVAL} bytes apart, each an
 * LSN and the offset its record starts at, in increasing order of both (Kafka's offset index, one entry every
 * few KiB). It is filled by whoever reads or writes the segment's records in order (the writer as it appends,
 * a reader as it passes records), or loaded from the segment's index file ({@link SegmentIndexFile}).
 *
 * <p>An index is a hint, never trusted over the data: a reader that seeks to an entry checks that a valid
 * record with the entry's LSN starts there, and reads the segment from its start when not
 * ({@link #wrong}). Thread safe: the writer adds entries while readers look them up.
 */
public final class SegmentIndex {
    /** The fewest bytes between two entries: one entry for every 4 KiB of records, as Kafka's default. */
    public static final int INTERVAL = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentIndex.class);

    // Guarded by this.
    private long[] lsns = new long[16];
    private long[] offsets = new long[16];
    private int size;
    /** Records starting before this offset add no entry; read without the lock, so the writer rarely takes it. */
    private volatile long nextWanted = INTERVAL;

    /** An empty index. */
    public SegmentIndex() {
    }

    /** An index holding {@code entries}, which must increase in both LSN and offset. */
    SegmentIndex(long[] entryLsns, long[] entryOffsets) {
        this.lsns = entryLsns.length == 0 ? new long[16] : entryLsns.clone();
        this.offsets = entryOffsets.length == 0 ? new long[16] : entryOffsets.clone();
        this.size = entryLsns.length;
        this.nextWanted = size == 0 ? INTERVAL : entryOffsets[size - 1] + INTERVAL;
    }

    /**
     * Tells the index that record {@code lsn} starts at {@code offset}; it becomes an entry if it starts at
     * least {@link #INTERVAL} bytes after the last entry and has a larger LSN. Callers offer every record they
     * pass, in order, so the entries do not depend on who offered them.
     */
    public void offer(long lsn, long offset) {
        if (offset < nextWanted) {
            return;
        }
        synchronized (this) {
            if (offset < nextWanted || (size > 0 && lsn <= lsns[size - 1])) {
                return;
            }
            if (size == lsns.length) {
                lsns = Arrays.copyOf(lsns, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2);
            }
            lsns[size] = lsn;
            offsets[size] = offset;
            size++;
            nextWanted = offset + INTERVAL;
        }
    }

    /**
     * The entry to seek to for reading from {@code lsn}: the last one at or below that LSN, among those that
     * start before {@code below}; null if there is none.
     */
    public synchronized IndexEntry floor(long lsn, long below) {
        int low = 0;
        int high = size - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (lsns[middle] <= lsn) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        while (found >= 0 && offsets[found] >= below) {
            found--;
        }
        return found < 0 ? null : new IndexEntry(lsns[found], offsets[found]);
    }

    /** Forgets the entries at or past {@code length}: the segment was cut there. */
    public synchronized void truncate(long length) {
        while (size > 0 && offsets[size - 1] >= length) {
            size--;
        }
        nextWanted = size == 0 ? INTERVAL : offsets[size - 1] + INTERVAL;
    }

    /**
     * A reader found no valid record with the entry's LSN where {@code entry} points: the index is stale or
     * damaged. Logs it, forgets every entry, and lets readers rebuild the index from the data.
     *
     * @param found what the reader found there, for the log
     */
    public void wrong(Path segment, IndexEntry entry, String found) {
        LOG.warn("the index of {} says LSN {} starts at offset {}, but {}: reading the segment from its start "
                + "instead and rebuilding its index from the data", segment, entry.lsn(), entry.offset(), found);
        truncate(0);
    }

    /** How many entries it holds. */
    public synchronized int size() {
        return size;
    }

    /** A copy of the entries, taken at once. */
    synchronized Entries entries() {
        return new Entries(Arrays.copyOf(lsns, size), Arrays.copyOf(offsets, size));
    }

    /**
     * Entries, in order.
     *
     * @param lsns    their LSNs
     * @param offsets their offsets, index for index
     */
    record Entries(long[] lsns, long[] offsets) {
        int count() {
            return lsns.length;
        }
    }
}
