package dev.jwal.api.config;

/**
 * How reading and recovery treat damaged records. Whatever the mode, nothing
 * is skipped without a trace: a torn tail cut off or a record skipped is
 * logged at WARN and reported to the configured problem listener.
 */
public enum RecoveryMode {
    /** Any damage, a torn tail included, is a {@link dev.jwal.api.error.CorruptLogException}. */
    STRICT,
    /**
     * The default. An incomplete last record at the end of the last segment
     * (what a crash mid-write leaves) is cut off; any other damage is an error.
     */
    TRUNCATE_TORN_TAIL,
    /** Damaged records are skipped and reported; reading goes on after them. */
    SKIP_CORRUPT;

    /**
     * The command-line form.
     *
     * @return {@code strict}, {@code truncate-torn-tail} or {@code skip-corrupt}
     */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@link #cliName()}.
     *
     * @param text the command-line form
     * @return the recovery mode it names
     * @throws IllegalArgumentException naming the accepted forms, if {@code text} is none of them
     * @throws NullPointerException     if {@code text} is null
     */
    public static RecoveryMode parse(String text) {
        for (RecoveryMode mode : values()) {
            if (mode.cliName().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown recovery mode '" + text
                + "'; expected strict, truncate-torn-tail or skip-corrupt");
    }
}
