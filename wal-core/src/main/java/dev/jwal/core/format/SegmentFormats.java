package dev.jwal.core.format;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.WalException;
import dev.jwal.core.framed.FramedFormat;
import dev.jwal.core.framed.FramedFraming;
import dev.jwal.core.framed.FramedSegmentReader;
import dev.jwal.core.framed.SegmentHeader;
import dev.jwal.core.lines.LineFormat;
import dev.jwal.core.lines.LineFraming;
import dev.jwal.core.lines.LineSegmentReader;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.read.SegmentOpener;
import dev.jwal.core.read.SegmentReader;
import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The segment formats a log directory may hold, told apart by their first byte: {@code lines} (the
 * reference's) and {@code framed} (ours), so one directory may mix them. Stateless, thread safe.
 */
public final class SegmentFormats implements SegmentOpener {
    /** The one instance. */
    public static final SegmentFormats ALL = new SegmentFormats();

    private SegmentFormats() {
    }

    /** How records of {@code codec} are laid out in segments of {@code format}. */
    public static RecordFraming framing(SegmentFormat format, EntryCodec codec) {
        return format == SegmentFormat.LINES ? LineFraming.INSTANCE
                : new FramedFraming(codec.name(), codec.formatVersion());
    }

    @Override
    public SegmentReader open(SegmentFile segment, FileChannel channel, long end, ReadContext context)
            throws IOException {
        SegmentLayout layout = SegmentLayout.of(segment, channel);
        if (layout instanceof SegmentLayout.Framed framed) {
            EntryCodec codec = checkedCodec(segment, framed.header(), context);
            return new FramedSegmentReader(channel, framed.header(), end, codec, context.maxRecordSize());
        }
        if (layout instanceof SegmentLayout.Damaged damaged) {
            return new DamagedSegmentReader(damaged.reason(), damaged.incomplete(), Math.min(end, channel.size()));
        }
        return new LineSegmentReader(channel, end, context.codecs().byName(LineFormat.CODEC),
                context.maxRecordSize());
    }

    private static EntryCodec checkedCodec(SegmentFile segment, SegmentHeader header, ReadContext context) {
        if (header.formatVersion() > FramedFormat.FORMAT_VERSION) {
            throw new WalException("segment " + segment.path() + " is in framed format version "
                    + header.formatVersion() + "; this jwal reads up to version " + FramedFormat.FORMAT_VERSION
                    + ": upgrade dev.jwal:wal-core");
        }
        EntryCodec codec = context.codecs().byName(header.codecName());
        if (header.codecVersion() > codec.formatVersion()) {
            throw new WalException("segment " + segment.path() + " was written by codec '" + header.codecName()
                    + "' format version " + header.codecVersion() + "; the codec on the class path ("
                    + codec.getClass().getName() + ") reads up to version " + codec.formatVersion()
                    + ": upgrade the module that provides it");
        }
        return codec;
    }
}
