package dev.jwal.core.read;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The open transactions at a point of the log, innermost on top. The one set
 * of nesting rules, shared by recovery and its look-ahead:
 * <ul>
 *   <li>{@code TxnBegin} opens a transaction inside the open ones;</li>
 *   <li>{@code TxnCommit(id)} or {@code TxnRollback(id)} closes the innermost open
 *       transaction with that id, and with it every transaction opened inside it
 *       and still open (those count as never committed);</li>
 *   <li>a commit or rollback naming no open transaction changes nothing.</li>
 * </ul>
 * Not thread safe.
 *
 * @param <T> what the caller keeps with each open transaction
 */
public final class TxnStack<T> {
    /** An open transaction. */
    public record Frame<T>(long txnId, long beginLsn, T value) {
    }

    /**
     * What one record did to the stack.
     *
     * @param kind      what happened
     * @param txnId     the transaction the marker names (unused for {@link Kind#NOT_A_MARKER})
     * @param committed whether the marker is a commit (for {@link Kind#CLOSED} and {@link Kind#UNMATCHED})
     * @param closed    the frames a commit or rollback closed, inner ones first and the named one last
     */
    public record Step<T>(Kind kind, long txnId, boolean committed, List<Frame<T>> closed) {
        /** What a record did. */
        public enum Kind {
            /** A data entry or a checkpoint: the stack is unchanged. */
            NOT_A_MARKER,
            /** A TxnBegin opened a transaction. */
            BEGUN,
            /** A TxnCommit or TxnRollback closed the innermost open transaction it names. */
            CLOSED,
            /** A TxnCommit or TxnRollback named no open transaction: nothing changed. */
            UNMATCHED
        }

        /** The name of the marker, for messages. */
        public String markerName() {
            return committed ? "TxnCommit" : "TxnRollback";
        }
    }

    private final Deque<Frame<T>> frames = new ArrayDeque<>();

    /**
     * Applies one record by the nesting rules: the one place TxnBegin, TxnCommit and TxnRollback are told
     * apart.
     *
     * @param valueOfBegin what to keep with a transaction a TxnBegin opens, from its LSN
     */
    public Step<T> apply(LogRecord record, LongFunction<T> valueOfBegin) {
        WalEntry entry = record.entry();
        if (entry instanceof WalEntry.TxnBegin begin) {
            begin(begin.txnId(), record.lsn(), valueOfBegin.apply(record.lsn()));
            return new Step<>(Step.Kind.BEGUN, begin.txnId(), false, List.of());
        }
        long txnId;
        boolean committed;
        if (entry instanceof WalEntry.TxnCommit commit) {
            txnId = commit.txnId();
            committed = true;
        } else if (entry instanceof WalEntry.TxnRollback rollback) {
            txnId = rollback.txnId();
            committed = false;
        } else {
            return new Step<>(Step.Kind.NOT_A_MARKER, 0, false, List.of());
        }
        List<Frame<T>> closed = close(txnId);
        return new Step<>(closed.isEmpty() ? Step.Kind.UNMATCHED : Step.Kind.CLOSED, txnId, committed, closed);
    }

    public void begin(long txnId, long beginLsn, T value) {
        frames.push(new Frame<>(txnId, beginLsn, value));
    }

    /**
     * Closes the innermost open transaction named {@code txnId}.
     *
     * @return the frames closed, inner ones first and the named one last, or an empty
     *         list if no open transaction has that id
     */
    public List<Frame<T>> close(long txnId) {
        boolean open = false;
        for (Frame<T> frame : frames) {
            if (frame.txnId() == txnId) {
                open = true;
                break;
            }
        }
        if (!open) {
            return List.of();
        }
        List<Frame<T>> closed = new ArrayList<>();
        Frame<T> frame;
        do {
            frame = frames.pop();
            closed.add(frame);
        } while (frame.txnId() != txnId);
        return closed;
    }

    /** The open transactions, innermost first. */
    public Iterator<Frame<T>> openFrames() {
        return frames.iterator();
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }
}
