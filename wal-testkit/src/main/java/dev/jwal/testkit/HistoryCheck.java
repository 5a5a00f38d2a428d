package dev.jwal.testkit;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One comparison of a reopened log with a history of calls; see {@link AcknowledgedHistory#check}. This class
 * matches the records read back to the calls that wrote them and checks the LSNs and the checkpoint;
 * {@link RequiredLsns} says which acknowledged records the promise covers, {@link ReplayCheck} checks what
 * {@code recover()} replays, and {@link Violations} collects what broke the promise.
 */
final class HistoryCheck {
    private final List<Call> calls;
    private final DurabilityPromise promise;
    private final Violations violations = new Violations();
    private final Map<Long, Placed> acknowledged = new HashMap<>();
    /** Calls in flight matched to records read back, with the LSN of their first record. */
    private final Map<Call, Long> matched = new IdentityHashMap<>();
    /** Acknowledged LSNs whose record was lost and whose place a rollback written on reopening took. */
    private final Set<Long> reused = new HashSet<>();
    /** Acknowledged LSNs whose record is not there (lost, or its place taken by a rollback), truncation aside. */
    private final Set<Long> missing = new HashSet<>();
    /** Matched calls in flight all of whose records came back. */
    private final Set<Call> complete = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** A record an acknowledged call wrote. */
    private record Placed(Call call, WalEntry entry) {
    }

    HistoryCheck(List<Call> calls, DurabilityPromise promise) {
        this.calls = calls;
        this.promise = promise;
        for (Call call : calls) {
            if (call.acknowledged() && call.writes()) {
                for (int i = 0; i < call.recordCount(); i++) {
                    long lsn = call.firstLsn() + i;
                    Placed previous = acknowledged.put(lsn, new Placed(call, call.record(i, lsn)));
                    if (previous != null) {
                        violation("LSN %d was acknowledged twice: to %s and to %s", lsn, previous.call(), call);
                    }
                }
            }
        }
    }

    /**
     * After {@link #check}: the acknowledged calls with a record missing (or its LSN taken by another), and
     * the calls in flight whose records all came back, with their first LSN.
     */
    record Outcome(List<Call> lost, Map<Call, Long> cameBack) {
    }

    Outcome outcome() {
        List<Call> lost = new ArrayList<>();
        for (Call call : calls) {
            if (call.acknowledged() && call.writes()) {
                for (long lsn = call.firstLsn(); lsn <= call.lastLsn(); lsn++) {
                    if (missing.contains(lsn)) {
                        lost.add(call);
                        break;
                    }
                }
            }
        }
        Map<Call, Long> cameBack = new IdentityHashMap<>();
        matched.forEach((call, lsn) -> {
            // A checkpoint whose call failed may have written its record but not its checkpoint file.
            if (complete.contains(call) && call.kind != Call.Kind.CHECKPOINT) {
                cameBack.put(call, lsn);
            }
        });
        return new Outcome(lost, cameBack);
    }

    HistoryReport check(WriteAheadLog log) {
        List<LogRecord> records;
        OptionalLong checkpoint;
        try {
            records = Cursors.drain(log.read(Math.max(0, log.stats().firstLsn())));
            checkpoint = log.lastCheckpointLsn();
        } catch (RuntimeException e) {
            violation("the reopened log cannot be read: %s", e);
            return report(0, 0, 0, 0, OptionalLong.empty());
        }
        Map<Long, WalEntry> byLsn = new HashMap<>();
        for (LogRecord record : records) {
            byLsn.put(record.lsn(), record.entry());
        }
        checkContiguous(records);
        Set<Long> required = RequiredLsns.of(calls, promise);
        int unacknowledged = checkContents(records, required);
        int lost = checkRequired(records, byLsn, required, checkpoint);
        checkCheckpoint(byLsn, records, checkpoint);
        new ReplayCheck(calls, matched, violations).check(log, byLsn, required, checkpoint);
        return report(required.size(), records.size(), lost, unacknowledged, checkpoint);
    }

    private void checkContiguous(List<LogRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).lsn() != records.get(i - 1).lsn() + 1) {
                violation("LSNs are not contiguous: %d follows %d", records.get(i).lsn(), records.get(i - 1).lsn());
            }
        }
    }

    /**
     * Each record is the one acknowledged at its LSN, or comes from a call in flight (in the call's order;
     * only cut short at the end of the log or before a rollback), or is a rollback the reopened log wrote
     * for a transaction left open, at an LSN whose acknowledged record (if any) the promise did not cover.
     * A transaction's TxnBegin may be gone with truncated segments while the rollback a reopening wrote
     * for it stays: a rollback of a transaction some call began, whose TxnBegin is not in what was read
     * of a truncated log, counts as such a rollback too.
     * Returns how many records came from calls in flight or are such rollbacks.
     */
    private int checkContents(List<LogRecord> records, Set<Long> required) {
        List<Call> inFlight = new ArrayList<>();
        for (Call call : calls) {
            if (call.writes() && !call.acknowledged()) {
                inFlight.add(call);
            }
        }
        List<Long> openTransactions = new ArrayList<>();
        Set<Long> begunByCalls = new HashSet<>();
        for (Call call : calls) {
            for (WalEntry entry : call.records) {
                if (entry instanceof WalEntry.TxnBegin begin) {
                    begunByCalls.add(begin.txnId());
                }
            }
        }
        Set<Long> begunInLog = new HashSet<>();
        for (LogRecord record : records) {
            if (record.entry() instanceof WalEntry.TxnBegin begin) {
                begunInLog.add(begin.txnId());
            }
        }
        boolean truncated = !records.isEmpty() && records.get(0).lsn() > 0;
        int unacknowledged = 0;
        int i = 0;
        while (i < records.size()) {
            LogRecord record = records.get(i);
            Placed placed = acknowledged.get(record.lsn());
            if (placed != null && placed.entry().equals(record.entry())) {
                track(openTransactions, record.entry());
                i++;
                continue;
            }
            if (record.entry() instanceof WalEntry.TxnRollback rollback && !required.contains(record.lsn())
                    && (openTransactions.contains(rollback.txnId()) || truncated
                    && begunByCalls.contains(rollback.txnId()) && !begunInLog.contains(rollback.txnId()))) {
                track(openTransactions, record.entry());
                if (placed != null) {
                    reused.add(record.lsn());
                }
                unacknowledged++;
                i++;
                continue;
            }
            if (placed != null) {
                violation("LSN %d holds %s, but %s was acknowledged there (%s)", record.lsn(), record.entry(),
                        placed.entry(), placed.call());
                i++;
                continue;
            }
            int length = matchInFlight(records, i, inFlight);
            if (length == 0) {
                violation("LSN %d holds %s, which was never appended (no acknowledged or in-flight call wrote it "
                        + "there)", record.lsn(), record.entry());
                length = 1;
            }
            for (int k = i; k < i + length; k++) {
                track(openTransactions, records.get(k).entry());
            }
            unacknowledged += length;
            i += length;
        }
        return unacknowledged;
    }

    /** Follows the transactions open at each point of the log, as recovery nests them. */
    private static void track(List<Long> open, WalEntry entry) {
        if (entry instanceof WalEntry.TxnBegin begin) {
            open.add(begin.txnId());
        } else if (entry instanceof WalEntry.TxnCommit commit) {
            closeInnermost(open, commit.txnId());
        } else if (entry instanceof WalEntry.TxnRollback rollback) {
            closeInnermost(open, rollback.txnId());
        }
    }

    private static void closeInnermost(List<Long> open, long txnId) {
        int at = open.lastIndexOf(txnId);
        if (at >= 0) {
            open.subList(at, open.size()).clear();
        }
    }

    /** Matches the records from {@code at} to a call in flight; returns how many it wrote, or 0. */
    private int matchInFlight(List<LogRecord> records, int at, List<Call> inFlight) {
        Call partial = null;
        int partialLength = 0;
        for (Call call : inFlight) {
            int length = 0;
            while (length < call.recordCount() && at + length < records.size()) {
                LogRecord record = records.get(at + length);
                boolean same = call.record(length, record.lsn()).equals(record.entry());
                if (acknowledged.containsKey(record.lsn()) || !same) {
                    break;
                }
                length++;
            }
            if (length == call.recordCount()) {
                complete.add(call);
                return take(call, records.get(at).lsn(), inFlight);
            }
            boolean cutShortLegally = at + length == records.size()
                    || records.get(at + length).entry() instanceof WalEntry.TxnRollback;
            if (length > 0 && cutShortLegally && partial == null) {
                partial = call;
                partialLength = length;
            }
        }
        if (partial != null) {
            take(partial, records.get(at).lsn(), inFlight);
        }
        return partialLength;
    }

    private int take(Call call, long firstLsn, List<Call> inFlight) {
        inFlight.remove(call);
        matched.put(call, firstLsn);
        return call.recordCount();
    }

    /** Every required LSN is there (or truncated before the checkpoint); returns how many others were lost. */
    private int checkRequired(List<LogRecord> records, Map<Long, WalEntry> byLsn, Set<Long> required,
                              OptionalLong checkpoint) {
        long first = records.isEmpty() ? Long.MAX_VALUE : records.get(0).lsn();
        int lost = 0;
        for (Long lsn : new TreeSet<>(acknowledged.keySet())) {
            if (byLsn.containsKey(lsn) && !reused.contains(lsn)) {
                continue;
            }
            boolean truncated = lsn < first && checkpoint.isPresent() && lsn <= checkpoint.getAsLong();
            if (truncated) {
                continue;
            }
            missing.add(lsn);
            if (required.contains(lsn)) {
                Placed placed = acknowledged.get(lsn);
                violation("acknowledged LSN %d (%s) is lost, though %s covers it (%s)", lsn, placed.entry(),
                        promise, placed.call());
            } else {
                lost++;
            }
        }
        return lost;
    }

    private void checkCheckpoint(Map<Long, WalEntry> byLsn, List<LogRecord> records, OptionalLong checkpoint) {
        OptionalLong lastAcknowledged = calls.stream()
                .filter(c -> c.acknowledged() && c.kind == Call.Kind.CHECKPOINT).mapToLong(Call::firstLsn).max();
        if (lastAcknowledged.isPresent()
                && (checkpoint.isEmpty() || checkpoint.getAsLong() < lastAcknowledged.getAsLong())) {
            violation("the checkpoint is %s, but checkpoint %d was acknowledged",
                    checkpoint.isPresent() ? "at " + checkpoint.getAsLong() : "gone", lastAcknowledged.getAsLong());
        }
        if (checkpoint.isPresent() && !records.isEmpty() && checkpoint.getAsLong() >= records.get(0).lsn()) {
            WalEntry entry = byLsn.get(checkpoint.getAsLong());
            if (!(entry instanceof WalEntry.Checkpoint)) {
                violation("the checkpoint is at LSN %d, which holds %s", checkpoint.getAsLong(), entry);
            }
        }
    }

    private HistoryReport report(int required, int recovered, int lost, int unacknowledged, OptionalLong checkpoint) {
        return new HistoryReport(acknowledged.size(), required, recovered, lost, unacknowledged, checkpoint,
                violations.listed());
    }

    private void violation(String format, Object... arguments) {
        violations.add(format, arguments);
    }
}
