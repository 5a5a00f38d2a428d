package dev.jwal.core.write;

import dev.jwal.api.error.WalIOException;
import dev.jwal.core.index.SegmentIndexFile;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.lines.LineFormat;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.SegmentName;
import dev.jwal.core.segment.SideFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The segment appends go to, and the next one: starts a segment (header, preallocated room) when the active
 * one is full, retires the full one, and closes the last. Knows nothing of records or LSN assignment: the
 * {@link LogWriter} asks it for a segment with room and handles its failures. Not thread safe: used under
 * the writer's lock.
 */
final class SegmentRoller {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRoller.class);
    private static final byte[] NEWLINE = {LineFormat.NEWLINE};

    private final WriterSetup setup;
    private ActiveSegment active;
    private long lastSegmentNumber;

    /**
     * Takes over from the previous writer: writes the last segment's bytes again in place and forces them
     * ({@link LogFileSystem#rewriteInPlace}), then reopens it for appending (reserving room) unless appends
     * start a new one. What an earlier writer left may not be durable yet (it died before its force, or its
     * force or directory force failed): make it so before building on it. A force alone is not enough after a
     * failed one: the kernel may have marked those bytes' pages clean, so they read back but never reach the
     * disk, and records forced after them would survive a power loss that they do not, leaving a hole no
     * recovery can read past. Written again, they are dirty again, and the force makes them durable (or fails
     * the open). Every earlier segment was forced before the next one took records, so only the last one can
     * hold such bytes.
     *
     * @throws WalIOException if that force fails
     */
    SegmentRoller(WriterSetup setup) {
        this.setup = setup;
        this.lastSegmentNumber = setup.lastSegment == null ? -1 : setup.lastSegment.number();
        try {
            if (setup.lastSegment != null) {
                Path last = setup.lastSegment.path();
                long length = Files.size(last);
                setup.timer.time(last, () -> setup.fs.rewriteInPlace(last, length));
            }
            if (setup.appendToLast) {
                long firstLsn = setup.lastSegmentFirstLsn >= 0 ? setup.lastSegmentFirstLsn : setup.nextLsn;
                LogFileSystem.AppendableFile out = setup.fs.openForAppend(setup.lastSegment.path());
                active = new ActiveSegment(setup.lastSegment, out, firstLsn, 0, setup.timer,
                        setup.indexes.active(setup.lastSegment, out.size(), true));
                reserveRoom(active);
                active.force(); // makes the reserved length durable
                active.markForced(active.size());
            }
            setup.fs.forceDirectory(setup.directory);
        } catch (IOException e) {
            throw new WalIOException("forcing what the previous writer left", setup.directory, e);
        }
    }

    /** The segment appends go to, or null before the first exists. */
    ActiveSegment active() {
        return active;
    }

    /** Whether the active segment takes the next record: it exists and is not full (an empty one always is). */
    boolean hasRoom() {
        return active != null && (active.size() == 0 || active.size() < setup.segmentSize);
    }

    /** Bytes after which a segment is full. */
    long segmentSize() {
        return setup.segmentSize;
    }

    /** The path the next segment will have if it starts at {@code firstLsn}. */
    Path nextPath(long firstLsn) {
        return setup.directory.resolve(SegmentName.of(nextNumber(firstLsn)));
    }

    /** Names must keep increasing; a reference-named last segment may already carry {@code firstLsn}. */
    private long nextNumber(long firstLsn) {
        return Math.max(firstLsn, lastSegmentNumber + 1);
    }

    /**
     * Starts a new segment whose first record will be {@code firstLsn}: created durably with its header,
     * preallocated, and announced to the segment listener. The caller retired the previous one.
     *
     * @throws IOException if the segment cannot be created; nothing changed
     */
    ActiveSegment start(long firstLsn) throws IOException {
        long number = nextNumber(firstLsn);
        Path path = setup.directory.resolve(SegmentName.of(number));
        byte[] header = setup.framing.segmentHeader(firstLsn);
        SegmentFile file = new SegmentFile(path, number);
        active = new ActiveSegment(file, setup.fs.createNew(path, header), firstLsn, header.length, setup.timer,
                setup.indexes.active(file, header.length, false));
        lastSegmentNumber = number;
        reserveRoom(active);
        LOG.debug("started segment {}", path);
        setup.segmentStarted.accept(firstLsn);
        return active;
    }

    /**
     * Preallocates the segment, if configured. Room that could not be reserved only costs speed: the
     * segment then grows as it is written, so the failure is logged, not thrown.
     */
    private void reserveRoom(ActiveSegment segment) {
        if (setup.preallocation <= segment.size()) {
            return;
        }
        try {
            if (setup.mappedWrites) {
                segment.out.reserveMapped(setup.preallocation);
            } else {
                segment.out.reserve(setup.preallocation);
            }
        } catch (IOException e) {
            LOG.warn("could not preallocate {} bytes for {}; it grows as it is written", setup.preallocation,
                    segment.file.path(), e);
        }
    }

    /** Appends a newline to the reopened segment, whose last record lacks one, and forces it. */
    void terminateLastLine() throws IOException {
        active.out.write(new ByteBuffer[]{ByteBuffer.wrap(NEWLINE)});
        active.force();
    }

    /**
     * Closes the active segment: retired (room given back, forced) when the writer is sound, abandoned
     * unforced after a failure.
     */
    void closeActive(boolean writerFailed) throws IOException {
        if (active == null) {
            return;
        }
        if (writerFailed) {
            active.abandon();
        } else {
            active.retire();
            sealed(active);
        }
    }

    /**
     * Writes the index file of a segment that was retired (forced and closed): its records are final. The
     * index is a hint, so a failure only costs the next reader a scan: it is logged, not thrown.
     */
    void sealed(ActiveSegment segment) {
        try {
            SegmentIndexFile.write(setup.fs, segment.file, segment.firstLsn, segment.size(), segment.index);
        } catch (IOException e) {
            LOG.warn("could not write the index file of {} ({}); readers rebuild its index from the data",
                    segment.file.path(), e.toString());
        } finally {
            setup.indexes.sealed(segment.file);
        }
    }

    /**
     * Cuts the bytes of {@code segment} past its last completed force, after copying them to a side file
     * ({@link SideFiles}); nothing is cut if the copy fails.
     *
     * @throws IOException if the copy or the cut fails
     */
    static void cutUnforced(LogFileSystem fs, ActiveSegment segment) throws IOException {
        long forced = segment.forcedSize();
        if (segment.size() <= forced) {
            return;
        }
        Path copy = SideFiles.copyTail(fs, segment.file.path(), forced);
        fs.truncate(segment.file.path(), forced);
        segment.index.truncate(forced);
        LOG.warn("cut {} unforced bytes off {} after the failed force; they are kept in {}",
                segment.size() - forced, segment.file.path(), copy);
    }

    /** The active segment's file and the bytes written to it, or null before the first segment exists. */
    SegmentBound bound() {
        return active == null ? null : new SegmentBound(active.file, active.size());
    }
}
