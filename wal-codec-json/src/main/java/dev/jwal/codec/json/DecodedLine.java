package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;

import java.util.Objects;

/**
 * An entry read from one line of JSON input by {@link JsonEntryCodec#decodeLine}, with the line's own
 * text kept when it may be stored as the entry's payload: within {@link KeptText#appending}, the codec's
 * {@link JsonEntryCodec#encode encode} returns that text for this entry instead of writing the entry
 * again in its canonical form. The text was just read, by the codec's own rules, to exactly this entry,
 * and those rules read every number as the reference does, so the reference and jwal read the stored
 * text back to the same entry as the canonical form. Immutable.
 */
public final class DecodedLine {
    private final WalEntry entry;
    private final byte[] text;

    DecodedLine(WalEntry entry, byte[] text) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.text = text;
    }

    /** The entry the line holds. */
    public WalEntry entry() {
        return entry;
    }

    /** Whether the line's text is kept, to be stored as it was given; false when it would not fit a record line. */
    public boolean keepsText() {
        return text != null;
    }

    /** The kept text (not copied: never handed out of the codec), or null. */
    byte[] text() {
        return text;
    }
}
