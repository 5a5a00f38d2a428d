package dev.jwal.testkit;

import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;

import java.nio.file.Path;

/**
 * Every framing and codec pair the tests run: lines/json and framed json, kryo and protobuf; and lines/json and
 * framed kryo with mapped writes, whose reserved room the simulated disk models as the contract of
 * {@code AppendableFile.reserveMapped} says (a mapped write is a write: in the page cache, durable once forced).
 */
enum Layout {
    LINES_JSON(SegmentFormat.LINES, "json"),
    FRAMED_JSON(SegmentFormat.FRAMED, "json"),
    FRAMED_KRYO(SegmentFormat.FRAMED, "kryo"),
    FRAMED_PROTOBUF(SegmentFormat.FRAMED, "protobuf"),
    FRAMED_KRYO_MAPPED(SegmentFormat.FRAMED, "kryo", true),
    LINES_JSON_MAPPED(SegmentFormat.LINES, "json", true);

    private final SegmentFormat format;
    private final String codec;
    private final boolean mapped;

    Layout(SegmentFormat format, String codec) {
        this(format, codec, false);
    }

    Layout(SegmentFormat format, String codec, boolean mapped) {
        this.format = format;
        this.codec = codec;
        this.mapped = mapped;
    }

    /** A config for this layout in {@code directory}, with small segments so that runs rotate. */
    WalConfig.Builder config(Path directory) {
        return WalConfig.builder(directory).format(format).codec(codec).segmentSize(600).mappedWrites(mapped);
    }

    @Override
    public String toString() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + "/" + codec + (mapped ? "/mapped" : "");
    }
}
