package dev.jwal.core.read;

import dev.jwal.api.RecordCursor;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Tells whether the transaction begun at an LSN is committed later in the log,
 * by reading ahead from its TxnBegin to the marker that closes it. Outcomes of
 * transactions nested inside it are learned on the way and kept until recovery
 * reaches them, so no stretch of the log is read ahead twice and memory grows
 * with the number of transactions in the stretch, never with the entries.
 * Not thread safe.
 */
final class TransactionOutcomes {
    private final LongFunction<RecordCursor> readFrom;
    private final Map<Long, Boolean> learned = new HashMap<>();

    /** @param readFrom opens a cursor over the same log from an LSN, reporting nothing */
    TransactionOutcomes(LongFunction<RecordCursor> readFrom) {
        this.readFrom = readFrom;
    }

    /** Whether the transaction whose TxnBegin has LSN {@code beginLsn} is committed. */
    boolean isCommitted(long beginLsn) {
        Boolean known = learned.remove(beginLsn);
        if (known != null) {
            return known;
        }
        TxnStack<Void> stack = new TxnStack<>();
        try (RecordCursor ahead = readFrom.apply(beginLsn)) {
            while (ahead.hasNext()) {
                TxnStack.Step<Void> step = stack.apply(ahead.next(), lsn -> null);
                if (step.kind() == TxnStack.Step.Kind.CLOSED) {
                    Boolean outcome = settle(step.closed(), step.committed(), beginLsn);
                    if (outcome != null) {
                        return outcome;
                    }
                }
            }
        }
        // The log ends with these transactions open: none of them committed.
        for (Iterator<TxnStack.Frame<Void>> open = stack.openFrames(); open.hasNext(); ) {
            long lsn = open.next().beginLsn();
            if (lsn != beginLsn) {
                learned.put(lsn, false);
            }
        }
        return false;
    }

    /** Records the outcomes of closed frames; returns the target's outcome if it was among them. */
    private Boolean settle(List<TxnStack.Frame<Void>> closed, boolean committed, long targetBeginLsn) {
        Boolean targetOutcome = null;
        for (int i = 0; i < closed.size(); i++) {
            // Only the named transaction (the last frame) gets the marker's outcome; inner ones were left open.
            boolean outcome = committed && i == closed.size() - 1;
            long lsn = closed.get(i).beginLsn();
            if (lsn == targetBeginLsn) {
                targetOutcome = outcome;
            } else {
                learned.put(lsn, outcome);
            }
        }
        return targetOutcome;
    }
}
