package dev.jwal.core.format;

import dev.jwal.core.framed.FramedFormat;
import dev.jwal.core.framed.SegmentHeader;
import dev.jwal.core.io.RegularFiles;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a segment's first bytes say it is, read without reading its records: empty, a {@code lines} segment, a
 * {@code framed} one with its header, or damaged (a header that does not check out, or disagrees with the
 * segment's name). Immutable.
 */
public sealed interface SegmentLayout {

    /** A file of zero bytes. */
    record Empty() implements SegmentLayout {
    }

    /** A {@code lines} segment: its first byte is not the framed magic. */
    record Lines() implements SegmentLayout {
    }

    /** A {@code framed} segment whose header checks out and agrees with its name. */
    record Framed(SegmentHeader header) implements SegmentLayout {
    }

    /**
     * A segment no reader can make sense of from its first bytes.
     *
     * @param reason     what is wrong, with the numbers
     * @param incomplete whether the file simply ends inside its header (what a crash may leave)
     */
    record Damaged(String reason, boolean incomplete) implements SegmentLayout {
    }

    /** Reads the layout of {@code segment}, opening it without following a link. */
    static SegmentLayout of(SegmentFile segment) throws IOException {
        try (FileChannel channel = RegularFiles.openForReading(segment.path())) {
            return of(segment, channel);
        }
    }

    /** Reads the layout of {@code segment}, open as {@code channel}. */
    static SegmentLayout of(SegmentFile segment, FileChannel channel) throws IOException {
        if (channel.size() == 0) {
            return new Empty();
        }
        ByteBuffer first = ByteBuffer.allocate(1);
        channel.read(first, 0);
        if (!FramedFormat.startsFramed(first.get(0))) {
            return new Lines();
        }
        SegmentHeader header;
        try {
            header = SegmentHeader.read(channel);
        } catch (SegmentHeader.DamagedHeaderException e) {
            return new Damaged("framed segment header: " + e.getMessage(), e.incomplete());
        }
        long firstLsn = header.firstLsn();
        if (firstLsn != segment.number() && firstLsn != segment.number() - 1) {
            return new Damaged(String.format("the segment's name says it starts at LSN %d, but its header says LSN "
                    + "%d: a file restored or renamed by hand", segment.number(), firstLsn), false);
        }
        return new Framed(header);
    }
}
