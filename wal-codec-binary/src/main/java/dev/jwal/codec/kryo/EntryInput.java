package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.io.Input;
import dev.jwal.api.codec.DecodeBudget;

/**
 * A Kryo {@link Input} a pooled session reuses for every payload it decodes,
 * instead of a new Input per entry. Kryo grows an Input's character buffer to
 * the longest string read; {@link #release()} lets go of the payload and of
 * an oversized character buffer, so a pooled session keeps neither a caller's
 * array nor a large buffer alive. Not thread safe, like any Input.
 */
final class EntryInput extends Input {
    /** Kryo's own starting size for the character buffer. */
    static final int INITIAL_CHARS = 32;

    /** A character buffer grown past this (by a long string) is dropped on {@link #release()}. */
    static final int MAX_RETAINED_CHARS = 1 << 15;

    private static final byte[] NO_BYTES = new byte[0];

    private DecodeBudget budget = new DecodeBudget(0);

    /** Reads {@code length} bytes of {@code payload} from {@code offset}; positions are indexes into {@code payload}. */
    EntryInput over(byte[] payload, int offset, int length) {
        setBuffer(payload, offset, length);
        budget = new DecodeBudget(length);
        return this;
    }

    /** What the payload being read may still cost in memory. */
    DecodeBudget budget() {
        return budget;
    }

    /** The budget of {@code input}: its own for an EntryInput, else one for the bytes it has left. */
    static DecodeBudget budgetOf(Input input) {
        return input instanceof EntryInput entryInput ? entryInput.budget : new DecodeBudget(input.limit() - input.position());
    }

    /** Forgets the payload, and drops the character buffer if a long string grew it. */
    void release() {
        setBuffer(NO_BYTES);
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[INITIAL_CHARS];
        }
    }

    /** The size of the character buffer (for tests of what a pooled session keeps). */
    int retainedChars() {
        return chars.length;
    }
}
