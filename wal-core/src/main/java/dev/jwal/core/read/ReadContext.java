package dev.jwal.core.read;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.core.index.SegmentIndexes;
import dev.jwal.core.io.RegularFiles;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * What every reader of one log shares: the recovery mode, the record size limit,
 * where problems go, the codecs segments are decoded with and the formats they
 * may be in. Immutable.
 *
 * @param mode          how damage is treated
 * @param maxRecordSize the largest payload that is read
 * @param problems      where torn tails and skipped records are reported
 * @param codecs        finds the codec each segment names
 * @param formats       opens a segment's reader by its format
 * @param indexes       the log's segment indexes, which readers seek with and fill
 */
public record ReadContext(RecoveryMode mode, int maxRecordSize, ProblemReporter problems, CodecResolver codecs,
                          SegmentOpener formats, SegmentIndexes indexes) {

    /** The same context reporting to {@code other}. */
    public ReadContext reportingTo(ProblemReporter other) {
        return new ReadContext(mode, maxRecordSize, other, codecs, formats, indexes);
    }

    /** The same context with another recovery mode. */
    public ReadContext withMode(RecoveryMode other) {
        return new ReadContext(other, maxRecordSize, problems, codecs, formats, indexes);
    }

    /** The same context without indexes: every read scans segments from their start, as before indexes. */
    public ReadContext withoutIndexes() {
        return new ReadContext(mode, maxRecordSize, problems, codecs, formats, SegmentIndexes.disabled());
    }

    /**
     * Opens a reader for a segment, never through a link.
     *
     * @param end read no byte at or past this offset
     * @throws dev.jwal.api.error.CodecNotFoundException if the segment's codec is not available
     * @throws dev.jwal.api.error.WalException           if the segment was written by a newer format or codec
     */
    public SegmentReader open(SegmentFile segment, long end) throws IOException {
        FileChannel channel = RegularFiles.openForReading(segment.path());
        try {
            SegmentReader reader = formats.open(segment, channel, end, this);
            if (!reader.holdsFile()) {
                channel.close();
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
