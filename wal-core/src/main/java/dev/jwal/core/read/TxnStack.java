package dev.jwal.core.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

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

    private final Deque<Frame<T>> frames = new ArrayDeque<>();

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
