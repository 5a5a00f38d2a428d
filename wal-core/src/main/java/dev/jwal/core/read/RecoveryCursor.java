package dev.jwal.core.read;

import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;

import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * What recovery replays, streamed: the data entries of the underlying cursor
 * that are not inside a transaction that is rolled back or never committed.
 * Markers are consumed, not returned. An entry is replayed only if every
 * transaction open around it is committed later in the log ({@link TxnStack}
 * has the rules); a commit or rollback naming no open transaction is reported
 * and ignored. Not thread safe.
 */
public final class RecoveryCursor implements RecordCursor {
    private final PlacedCursor source;
    private final TransactionOutcomes outcomes;
    private final ProblemReporter problems;
    private final TxnStack<Boolean> open = new TxnStack<>();
    private int uncommittedOpen;
    private LogRecord pending;

    /**
     * @param source    the records after the checkpoint
     * @param readAhead opens a silent cursor over the same records from an LSN, to resolve transactions
     * @param problems  where unmatched transaction markers are reported
     */
    public RecoveryCursor(PlacedCursor source, LongFunction<RecordCursor> readAhead, ProblemReporter problems) {
        this.source = source;
        this.outcomes = new TransactionOutcomes(readAhead);
        this.problems = problems;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && source.hasNext()) {
            LogRecord record = source.next();
            TxnStack.Step<Boolean> step = open.apply(record, outcomes::isCommitted);
            switch (step.kind()) {
                case BEGUN -> {
                    if (!open.openFrames().next().value()) {
                        uncommittedOpen++;
                    }
                }
                case CLOSED -> {
                    for (TxnStack.Frame<Boolean> frame : step.closed()) {
                        if (!frame.value()) {
                            uncommittedOpen--;
                        }
                    }
                }
                case UNMATCHED -> problems.report(new LogProblem(LogProblem.Kind.UNMATCHED_TXN_MARKER,
                        source.currentPlace(), source.currentOffset(), record.lsn(), step.markerName()
                        + " names transaction " + Long.toUnsignedString(step.txnId()) + ", which is not open; ignored"));
                case NOT_A_MARKER -> {
                    if (!record.entry().isMarker() && uncommittedOpen == 0) {
                        pending = record;
                    }
                }
            }
        }
        return pending != null;
    }

    @Override
    public LogRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records to recover");
        }
        LogRecord record = pending;
        pending = null;
        return record;
    }

    @Override
    public void close() {
        source.close();
    }
}
