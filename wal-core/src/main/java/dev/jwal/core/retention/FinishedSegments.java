package dev.jwal.core.retention;

import dev.jwal.api.SegmentInfo;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.read.SegmentReader;
import dev.jwal.core.read.SegmentShape;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The finished segments of a log and what a listener is told of each: its LSN span (its first record's LSN,
 * and one less than the next segment's first), size, format and codec. A segment is finished once a later
 * segment exists, or the log has no active segment, or the log was closed (sealed). Reads one record per
 * segment, only of the segments asked for. Stateless.
 */
final class FinishedSegments {
    private FinishedSegments() {
    }

    /**
     * The finished segments of {@code snapshot} that may hold a record at or after {@code fromLsn}, in order.
     *
     * @param sealed whether the log is closed, so that its last segment is finished too
     * @throws CorruptLogException if a segment's first record or header cannot be read
     * @throws WalIOException      if a segment cannot be read
     */
    static List<SegmentInfo> from(LogView.Snapshot snapshot, boolean sealed, long fromLsn, ReadContext context) {
        List<SegmentFile> segments = snapshot.segments();
        SegmentFile active = snapshot.activeFile();
        boolean allFinished = sealed || active == null;
        int finished = allFinished ? segments.size() : Math.max(0, segments.indexOf(active));
        long end = allFinished ? snapshot.nextLsn() : snapshot.activeFirstLsn();
        int first = 0;
        // A segment is known to lie below fromLsn, unread, if the next one starts at or before it.
        while (first < finished && (first + 1 < finished ? segments.get(first + 1).number() : end) <= fromLsn) {
            first++;
        }
        SegmentInfo[] infos = new SegmentInfo[finished - first];
        long nextFirst = end;
        for (int i = finished - 1; i >= first; i--) {
            SegmentInfo info = read(segments.get(i), nextFirst, context);
            infos[i - first] = info;
            nextFirst = info.firstLsn();
        }
        List<SegmentInfo> result = new ArrayList<>();
        for (SegmentInfo info : infos) {
            if (info.lastLsn() >= fromLsn) {
                result.add(info);
            }
        }
        return result;
    }

    /** Reads the first record (or header) of {@code segment}, whose successor starts at {@code nextFirst}. */
    private static SegmentInfo read(SegmentFile segment, long nextFirst, ReadContext context) {
        try (SegmentReader reader = context.open(segment, Long.MAX_VALUE)) {
            boolean any = reader.next();
            if (any && reader.damage() != null) {
                throw new CorruptLogException(segment.path(), reader.offset(), -1,
                        CorruptLogException.Kind.CORRUPT_RECORD, "the first record of a finished segment cannot "
                        + "be read: " + reader.damage().detail(), reader.damage().cause());
            }
            SegmentShape shape = reader.shape();
            if (shape == null || shape.format() == null) {
                throw new CorruptLogException(segment.path(), 0, -1, CorruptLogException.Kind.CORRUPT_RECORD,
                        "the header of a finished segment cannot be read", null);
            }
            long firstLsn = any ? reader.lsn() : nextFirst;
            long size = Files.size(segment.path());
            return new SegmentInfo(segment.path(), firstLsn, nextFirst - 1, size, shape.format(), shape.codec());
        } catch (IOException e) {
            throw new WalIOException("reading the first record of a finished segment", segment.path(), e);
        }
    }
}
