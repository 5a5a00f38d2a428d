package dev.jwal.testkit;

import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;

import java.nio.file.Path;

/** Every framing and codec pair the tests run: lines/json and framed json, kryo and protobuf. */
enum Layout {
    LINES_JSON(SegmentFormat.LINES, "json"),
    FRAMED_JSON(SegmentFormat.FRAMED, "json"),
    FRAMED_KRYO(SegmentFormat.FRAMED, "kryo"),
    FRAMED_PROTOBUF(SegmentFormat.FRAMED, "protobuf");

    private final SegmentFormat format;
    private final String codec;

    Layout(SegmentFormat format, String codec) {
        this.format = format;
        this.codec = codec;
    }

    /** A config for this layout in {@code directory}, with small segments so that runs rotate. */
    WalConfig.Builder config(Path directory) {
        return WalConfig.builder(directory).format(format).codec(codec).segmentSize(600);
    }

    @Override
    public String toString() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + "/" + codec;
    }
}
