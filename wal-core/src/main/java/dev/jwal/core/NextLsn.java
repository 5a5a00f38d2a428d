package dev.jwal.core;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.SegmentFile;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where appends continue, the one rule the writer and read-only inspection share, with the checks that keep
 * an LSN from being handed out twice: a last segment must agree with its own name, and a checkpoint must not
 * lie past the end of the log. Stateless.
 */
final class NextLsn {
    private NextLsn() {
    }

    /**
     * After the last record; with no record at all, the last segment's name (ours are named by the LSN they
     * start at) or the LSN after the checkpoint, whichever is larger.
     *
     * @throws CorruptLogException if the last segment's first record or its emptiness disagrees with its name,
     *                             the log's last LSN leaves no LSN to hand out, or the checkpoint lies past the
     *                             end of the log (segments are missing)
     */
    static long of(LogTail tail, OptionalLong checkpoint, Path directory) {
        SegmentFile last = tail.lastSegment();
        long next;
        if (tail.lastLsn() >= 0) {
            if (tail.lastLsn() == Long.MAX_VALUE) {
                throw corrupt(last, tail.lastLsn(), "the last record has LSN " + Long.MAX_VALUE
                        + ": no LSN is left to hand out");
            }
            next = tail.lastLsn() + 1;
            checkLastSegmentName(tail, next);
        } else {
            next = last == null ? 0 : last.number();
            if (checkpoint.isPresent()) {
                next = Math.max(next, checkpoint.getAsLong() + 1);
            }
        }
        if (checkpoint.isPresent() && checkpoint.getAsLong() >= next) {
            throw new CorruptLogException(directory.resolve(CheckpointFile.FILE_NAME), 0, checkpoint.getAsLong(),
                    CorruptLogException.Kind.CORRUPT_RECORD, "the checkpoint is at LSN " + checkpoint.getAsLong()
                    + " but the log ends before it (next LSN " + next + "): segments are missing", null);
        }
        return next;
    }

    /**
     * A segment is named by its first LSN (the reference's: first LSN + 1). A last segment whose records
     * start elsewhere (a stale copy restored by hand) would make the writer hand out LSNs the log already
     * has; an empty last segment named past the end means records between are missing.
     */
    private static void checkLastSegmentName(LogTail tail, long next) {
        SegmentFile last = tail.lastSegment();
        long number = last.number();
        if (tail.lastSegmentHoldsRecords()) {
            long first = tail.firstLsnOfLast();
            if (first != number && first != number - 1) {
                throw corrupt(last, number, "the segment's name says it starts at LSN " + number
                        + ", but its first record is LSN " + first + ": a file restored or renamed by hand; "
                        + "appending after it would hand out LSNs the log already holds");
            }
        } else if (number > next + 1 || number < next) {
            throw corrupt(last, next, "the last segment holds no record and is named for LSN " + number
                    + ", but the records before it end at LSN " + (next - 1)
                    + (number > next ? ": records " + next + " to " + (number - 2) + " are missing"
                    : ": its name is below records the log already holds"));
        }
    }

    private static CorruptLogException corrupt(SegmentFile segment, long lsn, String detail) {
        return new CorruptLogException(segment.path(), 0, lsn, CorruptLogException.Kind.CORRUPT_RECORD, detail,
                null);
    }
}
