package dev.jwal.core.read;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.util.List;

/**
 * Checks, before a writer opens a log, that every segment starts where its name says: at the LSN in its name
 * (ours) or one below it (the reference's). A segment that does not (a copy restored or renamed by hand) may
 * hold LSNs the writer would hand out again, in any recovery mode, so the writer refuses the directory and
 * names the file. Reads one record per segment, not the log. Stateless.
 */
public final class SegmentNameCheck {
    private SegmentNameCheck() {
    }

    /**
     * @throws CorruptLogException if a segment's first record disagrees with its name
     * @throws WalIOException      if a segment cannot be read
     */
    public static void requireNamesAgree(List<SegmentFile> segments, ReadContext context) {
        // The last segment is checked as its tail is read (see LogTail and the writer's next-LSN rule).
        for (SegmentFile segment : segments.subList(0, Math.max(0, segments.size() - 1))) {
            try (SegmentReader reader = context.open(segment, Long.MAX_VALUE)) {
                if (reader.next() && reader.damage() == null) {
                    long first = reader.lsn();
                    if (first != segment.number() && first != segment.number() - 1) {
                        throw new CorruptLogException(segment.path(), reader.offset(), segment.number(),
                                CorruptLogException.Kind.CORRUPT_RECORD, "the segment's name says it starts at LSN "
                                + segment.number() + ", but its first record is LSN " + first + ": a file restored "
                                + "or renamed by hand; a writer appending to this log could hand out LSNs it "
                                + "already holds, so move the file out of the directory", null);
                    }
                }
            } catch (IOException e) {
                throw new WalIOException("reading the first record of", segment.path(), e);
            }
        }
    }
}
