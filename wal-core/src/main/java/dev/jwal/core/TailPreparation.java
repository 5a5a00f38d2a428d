package dev.jwal.core;

import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.read.SegmentShape;
import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.SideFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Readies the end of a log for a writer, from what {@link LogTail} found: cuts a torn tail (keeping a copy of
 * anything but an incomplete final record), gives back the room a writer that did not close left, deletes an
 * empty last segment appends cannot go on in, and decides where appends continue. Stateless.
 */
final class TailPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(TailPreparation.class);

    private TailPreparation() {
    }

    /**
     * Where appends continue.
     *
     * @param lastSegment   the segment the writer takes over, or null if there is none
     * @param appendToLast  whether appends go on in it; else the first write starts a new segment after it
     * @param endsMidLine   whether it is a lines segment whose complete last record lacks its newline
     */
    record Prepared(SegmentFile lastSegment, boolean appendToLast, boolean endsMidLine) {
    }

    /**
     * @throws WalIOException if a file cannot be read, copied, cut or deleted
     */
    static Prepared prepare(LogFileSystem fs, LogTail tail, List<SegmentFile> segments, RecordFraming framing,
                            long segmentSize) {
        if (tail.tornTailOffset() >= 0) {
            cutTornTail(fs, tail);
        } else if (tail.unusedSpaceOffset() >= 0) {
            releaseUnusedSpace(fs, tail);
        }
        SegmentFile last = tail.lastSegment();
        if (last == null) {
            return new Prepared(null, false, false);
        }
        boolean reopen = canAppendTo(last, tail, framing, segmentSize);
        if (!reopen && isEmpty(last)) {
            deleteEmpty(fs, last);
            return new Prepared(segments.size() > 1 ? segments.get(segments.size() - 2) : null, false, false);
        }
        boolean midLine = reopen && tail.end().shape() != null && tail.end().shape().endsMidLine();
        return new Prepared(last, reopen, midLine);
    }

    /**
     * Cuts the torn tail off the last segment. Unless it is only an incomplete final record, the bytes go to a
     * side file first (see {@link SideFiles}): damage at the end may hide complete records.
     */
    private static void cutTornTail(LogFileSystem fs, LogTail tail) {
        Path file = tail.lastSegment().path();
        long offset = tail.tornTailOffset();
        try {
            long size = Files.size(file);
            if (tail.tornTailIncomplete()) {
                fs.truncate(file, offset);
                LOG.warn("cut an incomplete last record of {} bytes off {} at offset {}", size - offset, file, offset);
                return;
            }
            Path copy = SideFiles.copyTail(fs, file, offset);
            fs.truncate(file, offset);
            LOG.warn("cut a damaged tail of {} bytes off {} at offset {}; the cut bytes are kept in {}",
                    size - offset, file, offset, copy);
        } catch (IOException e) {
            throw new WalIOException("cutting the torn tail", file, e);
        }
    }

    /**
     * A writer that did not close (a crash, a kill) leaves its segment's preallocated room: cut it, so
     * that appends go on right after the last record. Not a problem to report: no record was there.
     */
    private static void releaseUnusedSpace(LogFileSystem fs, LogTail tail) {
        Path file = tail.lastSegment().path();
        try {
            long size = Files.size(file);
            fs.truncate(file, tail.unusedSpaceOffset());
            LOG.info("released {} bytes of preallocated room after the last record of {}, which was not closed",
                    size - tail.unusedSpaceOffset(), file);
        } catch (IOException e) {
            throw new WalIOException("releasing the preallocated room of the last segment", file, e);
        }
    }

    /**
     * Whether appends can go on in the last segment: same format and codec, a readable header that agrees
     * with the segment's name (never after a damaged one: what follows would be unreadable), and room left.
     * An empty file takes lines records only: a framed segment starts with its header.
     */
    private static boolean canAppendTo(SegmentFile last, LogTail tail, RecordFraming framing, long segmentSize) {
        if (isEmpty(last)) {
            return framing.format() == SegmentFormat.LINES;
        }
        SegmentShape shape = tail.end().shape();
        return shape != null && shape.accepts(framing.format(), framing.codecName())
                && tail.validBytes() < segmentSize;
    }

    private static boolean isEmpty(SegmentFile segment) {
        try {
            return Files.size(segment.path()) == 0;
        } catch (IOException e) {
            throw new WalIOException("reading the size of the last segment", segment.path(), e);
        }
    }

    /** An empty segment file holds nothing; it goes, so that a segment with a header can take its place. */
    private static void deleteEmpty(LogFileSystem fs, SegmentFile segment) {
        try {
            fs.delete(segment.path());
            fs.forceDirectory(segment.path().toAbsolutePath().getParent());
            LOG.debug("deleted the empty last segment {}", segment.path());
        } catch (IOException e) {
            throw new WalIOException("deleting an empty segment", segment.path(), e);
        }
    }
}
