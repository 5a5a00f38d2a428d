package dev.jwal.core.index;

/**
 * One entry of a segment index: the record with LSN {@code lsn} is said to start at byte {@code offset} of its
 * segment. Said, not known: whoever uses an entry checks the record there first.
 *
 * @param lsn    the record's LSN
 * @param offset where the record starts in its segment
 */
public record IndexEntry(long lsn, long offset) {
}
