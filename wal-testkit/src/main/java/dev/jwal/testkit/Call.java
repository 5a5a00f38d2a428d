package dev.jwal.testkit;

import dev.jwal.api.WalEntry;

import java.util.List;

/**
 * One call made to a log, as an {@link AcknowledgedHistory} saw it: what it
 * asked to write, when it started, and how it ended (acknowledged at an LSN,
 * failed, or never returned). Guarded by the history's monitor.
 */
final class Call {
    /** What was called. */
    enum Kind {
        /** {@code append}: one record. */
        APPEND,
        /** {@code appendTransaction}: TxnBegin, the entries, TxnCommit. */
        TRANSACTION,
        /** {@code checkpoint}: one Checkpoint record carrying its own LSN. */
        CHECKPOINT,
        /** {@code sync}: no record. */
        SYNC,
        /** {@code truncate}: no record. */
        TRUNCATE
    }

    final Kind kind;
    /** The records it writes, in order; for a checkpoint, empty (its record depends on its LSN). */
    final List<WalEntry> records;
    final long startNanos;
    private long firstLsn = -1;
    private long endNanos;
    private Throwable failure;
    private boolean acknowledged;

    Call(Kind kind, List<WalEntry> records, long startNanos) {
        this.kind = kind;
        this.records = List.copyOf(records);
        this.startNanos = startNanos;
    }

    void acknowledge(long lsn, long nanos) {
        this.firstLsn = lsn;
        this.endNanos = nanos;
        this.acknowledged = true;
    }

    /** A reopened log lost some of its records: from now on it counts as a call in flight. */
    void lostOnReopening() {
        this.acknowledged = false;
        this.firstLsn = -1;
    }

    void fail(Throwable cause, long nanos) {
        this.failure = cause;
        this.endNanos = nanos;
    }

    boolean acknowledged() {
        return acknowledged;
    }

    Throwable failure() {
        return failure;
    }

    /** When it returned successfully. */
    long ackNanos() {
        return endNanos;
    }

    /** Whether it writes records. */
    boolean writes() {
        return kind == Kind.APPEND || kind == Kind.TRANSACTION || kind == Kind.CHECKPOINT;
    }

    /** How many records it writes. */
    int recordCount() {
        return kind == Kind.CHECKPOINT ? 1 : records.size();
    }

    /** The LSN of its first record, once acknowledged. */
    long firstLsn() {
        return firstLsn;
    }

    long lastLsn() {
        return firstLsn + recordCount() - 1;
    }

    /** The record it writes at position {@code index} if that lands at {@code lsn}. */
    WalEntry record(int index, long lsn) {
        return kind == Kind.CHECKPOINT ? new WalEntry.Checkpoint(lsn) : records.get(index);
    }

    @Override
    public String toString() {
        String outcome = acknowledged ? "acknowledged at " + firstLsn
                : failure != null ? "failed: " + failure : "not acknowledged";
        return kind + (records.isEmpty() ? "" : " " + abbreviate(records)) + ", " + outcome;
    }

    private static String abbreviate(List<WalEntry> entries) {
        String text = entries.toString();
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
