package dev.jwal.bench;

import dev.jwal.api.config.SegmentFormat;

/**
 * A codec and the segment format holding it, as the benchmarks' {@code layout} parameter spells it:
 * {@code json-lines}, {@code json-framed}, {@code kryo-framed}, {@code protobuf-framed}.
 *
 * @param codec  the codec name
 * @param format the segment format
 */
public record Layout(String codec, SegmentFormat format) {

    /** The four layouts jwal writes. */
    public static final String[] ALL = {"json-lines", "json-framed", "kryo-framed", "protobuf-framed"};

    /** Parses {@code CODEC-FORMAT}. */
    public static Layout parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("layout must be CODEC-FORMAT (e.g. kryo-framed), was '" + text + "'");
        }
        return new Layout(text.substring(0, dash), SegmentFormat.parse(text.substring(dash + 1)));
    }

    @Override
    public String toString() {
        return codec + "-" + format.cliName();
    }
}
