package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Lets a log store input lines as they were given: while {@link #appending} runs {@code append} on the
 * calling thread, the json codec's {@code encode} of an entry of {@code lines}, the very instance and in
 * their order, returns that line's kept text ({@link DecodedLine#keepsText()}) instead of the entry's
 * canonical form. Any other entry, one out of order, and every entry on any other thread or outside the
 * call are encoded as usual, so the library's own appends keep their canonical output. This spares
 * {@code wal append} printing every float again: the stored line reads back, in jwal and in the
 * reference, to the same entry as the canonical form would.
 *
 * <p>The state is per thread; the class itself is thread safe.
 */
public final class KeptText {
    private static final ThreadLocal<KeptText> CURRENT = new ThreadLocal<>();

    private final List<DecodedLine> lines;
    private int next;

    private KeptText(List<DecodedLine> lines) {
        this.lines = lines;
    }

    /**
     * Runs {@code append} with the kept texts of {@code lines} offered to the codec's encode, in order, on
     * this thread; returns what it returns. Calls do not nest: an inner call replaces the outer one's
     * offer until it returns.
     *
     * @throws NullPointerException if an argument is null
     */
    public static <T> T appending(List<DecodedLine> lines, Supplier<T> append) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(append, "append");
        KeptText outer = CURRENT.get();
        CURRENT.set(new KeptText(lines));
        try {
            return append.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * The kept text offered for {@code entry} on this thread, or null: only when {@code entry} is the
     * instance of the next line offered; a text is handed out once.
     */
    static byte[] take(WalEntry entry) {
        KeptText current = CURRENT.get();
        if (current == null || current.next >= current.lines.size()) {
            return null;
        }
        DecodedLine line = current.lines.get(current.next);
        if (line.entry() != entry) {
            return null;
        }
        current.next++;
        return line.text();
    }
}
