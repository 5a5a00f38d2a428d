package dev.jwal.api.config;

/**
 * How records are laid out in a segment file. docs/FORMAT.md specifies both
 * byte by byte. One directory may hold segments of both formats; each segment
 * says which it is (a {@code lines} segment starts with a digit, a
 * {@code framed} one with a magic number).
 */
public enum SegmentFormat {
    /**
     * The reference's format: {@code LSN|payload\n} per line, no header, no
     * checksum. Holds only the {@code json} codec, whose payload is one line.
     */
    LINES,
    /**
     * jwal's format: a header naming the codec and the first LSN, then records
     * of (length, CRC32C, LSN, payload). Holds any codec.
     */
    FRAMED;

    /**
     * The command-line form.
     *
     * @return {@code lines} or {@code framed}
     */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@link #cliName()}.
     *
     * @param text the command-line form
     * @return the segment format it names
     * @throws IllegalArgumentException naming the accepted forms, if {@code text} is none of them
     * @throws NullPointerException     if {@code text} is null
     */
    public static SegmentFormat parse(String text) {
        for (SegmentFormat format : values()) {
            if (format.cliName().equals(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown segment format '" + text + "'; expected lines or framed");
    }

    /**
     * The format a codec gets when none is chosen.
     *
     * @param codecName the codec's name
     * @return {@code lines} for json, {@code framed} for the others
     */
    public static SegmentFormat defaultFor(String codecName) {
        return dev.jwal.api.codec.Codecs.DEFAULT_CODEC.equals(codecName) ? LINES : FRAMED;
    }
}
