package dev.jwal.cli;

import dev.jwal.api.WalEntry;
import dev.jwal.codec.json.DecodedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of decoded input handed to the thread appending to the log: entries in input order with their
 * line numbers (and each line's text where it is kept, see {@link DecodedLine}), then what the input asks
 * for after them.
 *
 * @param lines       the decoded lines to append in one batch, in input order (may be empty)
 * @param lineNumbers the input line of each entry, for error messages
 * @param then        what follows the entries
 * @param failure     why the input stops, for {@link Then#FAIL}; null otherwise
 */
record InputBatch(List<DecodedLine> lines, long[] lineNumbers, Then then, Throwable failure) {

    /** What the appending thread does after appending the entries. */
    enum Then {
        /** Take the next batch. */
        CONTINUE,
        /** Take a checkpoint (a {@code CHECKPOINT} line), then the next batch. */
        CHECKPOINT,
        /** Stop: the input has ended. */
        END,
        /** Stop with {@link #failure()}: a bad line, or standard input could not be read. */
        FAIL
    }

    InputBatch {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(lineNumbers, "lineNumbers");
        Objects.requireNonNull(then, "then");
        if (lineNumbers.length != lines.size()) {
            throw new IllegalArgumentException(lines.size() + " entries but " + lineNumbers.length + " line numbers");
        }
        if ((then == Then.FAIL) != (failure != null)) {
            throw new IllegalArgumentException("a failure goes with FAIL and only with it");
        }
    }

    /** The entries of {@link #lines()}, in order. */
    List<WalEntry> entries() {
        List<WalEntry> entries = new ArrayList<>(lines.size());
        for (DecodedLine line : lines) {
            entries.add(line.entry());
        }
        return entries;
    }
}
