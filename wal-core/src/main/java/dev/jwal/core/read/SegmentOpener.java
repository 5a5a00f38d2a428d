package dev.jwal.core.read;

import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Chooses and opens the reader for one segment, whatever format it is in. The read side knows no format:
 * the formats a log may hold are wired in where the log is opened. Implementations are stateless and
 * thread safe.
 */
@FunctionalInterface
public interface SegmentOpener {

    /**
     * A reader of {@code segment}, which is open as {@code channel} (the reader closes it, unless it holds
     * no file: see {@link SegmentReader#holdsFile()}).
     *
     * @param end     read no byte at or past this offset
     * @param context the mode, limits and codecs to read with
     * @throws dev.jwal.api.error.CodecNotFoundException if the segment's codec is not available
     * @throws dev.jwal.api.error.WalException           if the segment was written by a newer format or codec
     */
    SegmentReader open(SegmentFile segment, FileChannel channel, long end, ReadContext context) throws IOException;
}
