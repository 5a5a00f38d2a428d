package dev.jwal.core.read;

import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.WalException;
import dev.jwal.core.framed.FramedFormat;
import dev.jwal.core.framed.FramedSegmentReader;
import dev.jwal.core.framed.SegmentHeader;
import dev.jwal.core.io.RegularFiles;
import dev.jwal.core.segment.SegmentFile;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * What every reader of one log shares: the recovery mode, the record size limit,
 * where problems go, and the codecs segments are decoded with. Immutable.
 *
 * @param mode          how damage is treated
 * @param maxRecordSize the largest payload that is read
 * @param problems      where torn tails and skipped records are reported
 * @param codecs        finds the codec each segment names
 */
public record ReadContext(RecoveryMode mode, int maxRecordSize, ProblemReporter problems, CodecResolver codecs) {

    /** The codec {@code lines} segments hold: the reference's format is JSON. */
    public static final String LINES_CODEC = Codecs.DEFAULT_CODEC;

    /** The same context reporting to {@code other}. */
    public ReadContext reportingTo(ProblemReporter other) {
        return new ReadContext(mode, maxRecordSize, other, codecs);
    }

    /** The same context with another recovery mode. */
    public ReadContext withMode(RecoveryMode other) {
        return new ReadContext(other, maxRecordSize, problems, codecs);
    }

    /**
     * Opens a reader for a segment, choosing it by the segment's first byte.
     *
     * @param end read no byte at or past this offset
     * @throws dev.jwal.api.error.CodecNotFoundException if the segment's codec is not available
     * @throws WalException if the segment was written by a newer format or codec version
     */
    public SegmentReader open(SegmentFile segment, long end) throws IOException {
        FileChannel channel = RegularFiles.openForReading(segment.path());
        try {
            SegmentReader reader = open(segment, channel, end);
            if (reader instanceof DamagedSegmentReader) {
                channel.close();
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private SegmentReader open(SegmentFile segment, FileChannel channel, long end) throws IOException {
        long size = Math.min(end, channel.size());
        if (size == 0 || !FramedFormat.startsFramed(firstByte(channel))) {
            return new LineSegmentReader(channel, end, codecs.byName(LINES_CODEC), maxRecordSize);
        }
        SegmentHeader header;
        try {
            header = SegmentHeader.read(channel);
        } catch (SegmentHeader.DamagedHeaderException e) {
            return new DamagedSegmentReader("framed segment header: " + e.getMessage(), e.incomplete(), size);
        }
        String mismatch = nameMismatch(segment, header);
        if (mismatch != null) {
            return new DamagedSegmentReader(mismatch, false, size);
        }
        EntryCodec codec = checkedCodec(segment, header);
        return new FramedSegmentReader(channel, header, end, codec, maxRecordSize);
    }

    private static byte firstByte(FileChannel channel) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(1);
        if (channel.read(first, 0) != 1) {
            throw new EOFException("segment is empty");
        }
        return first.get(0);
    }

    /**
     * Why a framed segment's header disagrees with its name ({@code first LSN} or, after a reference-named
     * segment, {@code first LSN + 1}), or null when it agrees.
     */
    private static String nameMismatch(SegmentFile segment, SegmentHeader header) {
        long first = header.firstLsn();
        if (first == segment.number() || first == segment.number() - 1) {
            return null;
        }
        return String.format("the segment's name says it starts at LSN %d, but its header says LSN %d: a file "
                + "restored or renamed by hand", segment.number(), first);
    }

    private EntryCodec checkedCodec(SegmentFile segment, SegmentHeader header) {
        if (header.formatVersion() > FramedFormat.FORMAT_VERSION) {
            throw new WalException("segment " + segment.path() + " is in framed format version "
                    + header.formatVersion() + "; this jwal reads up to version " + FramedFormat.FORMAT_VERSION
                    + ": upgrade dev.jwal:wal-core");
        }
        EntryCodec codec = codecs.byName(header.codecName());
        if (header.codecVersion() > codec.formatVersion()) {
            throw new WalException("segment " + segment.path() + " was written by codec '" + header.codecName()
                    + "' format version " + header.codecVersion() + "; the codec on the class path ("
                    + codec.getClass().getName() + ") reads up to version " + codec.formatVersion()
                    + ": upgrade the module that provides it");
        }
        return codec;
    }

    /**
     * The format and codec of a segment, without reading its records; null for an empty segment.
     *
     * @param format the segment's format
     * @param codec  the codec its payloads are written with
     */
    public record Layout(SegmentFormat format, String codec) {
    }

    /**
     * Reads the layout of a segment from its first bytes; null if it is empty, or if its header is damaged or
     * disagrees with its name (a segment no writer may append to).
     */
    public static Layout layoutOf(SegmentFile segment) throws IOException {
        try (FileChannel channel = RegularFiles.openForReading(segment.path())) {
            if (channel.size() == 0) {
                return null;
            }
            if (!FramedFormat.startsFramed(firstByte(channel))) {
                return new Layout(SegmentFormat.LINES, LINES_CODEC);
            }
            try {
                SegmentHeader header = SegmentHeader.read(channel);
                return nameMismatch(segment, header) == null
                        ? new Layout(SegmentFormat.FRAMED, header.codecName())
                        : null;
            } catch (SegmentHeader.DamagedHeaderException e) {
                return null;
            }
        }
    }
}
