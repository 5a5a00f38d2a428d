package dev.jwal.testkit;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The part of a {@link HistoryCheck} that checks what {@code recover()} replays on the reopened log, once the
 * records read back were matched to the calls that wrote them.
 */
final class ReplayCheck {
    private final List<Call> calls;
    /** Calls in flight matched to records read back, with the LSN of their first record. */
    private final Map<Call, Long> matched;
    private final Violations violations;

    ReplayCheck(List<Call> calls, Map<Call, Long> matched, Violations violations) {
        this.calls = calls;
        this.matched = matched;
        this.violations = violations;
    }

    /**
     * recover() replays records read back, all after the checkpoint, data only, every covered data entry
     * after the checkpoint, and all or none of each transaction.
     */
    void check(WriteAheadLog log, Map<Long, WalEntry> byLsn, Set<Long> required, OptionalLong checkpoint) {
        List<LogRecord> replayed;
        try {
            replayed = Cursors.drain(log.recover());
        } catch (RuntimeException e) {
            violations.add("recover() on the reopened log failed: %s", e);
            return;
        }
        long after = checkpoint.orElse(-1);
        Set<Long> replayedLsns = new HashSet<>();
        for (LogRecord record : replayed) {
            replayedLsns.add(record.lsn());
            if (record.lsn() <= after) {
                violations.add("recover() replayed LSN %d, at or before the checkpoint %d", record.lsn(), after);
            }
            if (!record.entry().equals(byLsn.get(record.lsn()))) {
                violations.add("recover() replayed %s at LSN %d, but reading the log gives %s", record.entry(),
                        record.lsn(), byLsn.get(record.lsn()));
            }
            if (record.entry().isMarker()) {
                violations.add("recover() replayed the marker %s at LSN %d", record.entry(), record.lsn());
            }
        }
        boolean markersAppended = calls.stream()
                .anyMatch(c -> c.kind == Call.Kind.APPEND && c.records.get(0).isMarker());
        for (Call call : calls) {
            long first = call.acknowledged() ? call.firstLsn() : matched.getOrDefault(call, -1L);
            if (first <= after) {
                continue;
            }
            if (call.kind == Call.Kind.APPEND && call.acknowledged() && !markersAppended
                    && required.contains(first) && !replayedLsns.contains(first)) {
                violations.add("recover() did not replay acknowledged LSN %d (%s)", first, call.records.get(0));
            }
            if (call.kind == Call.Kind.TRANSACTION) {
                checkTransactionReplay(call, first, byLsn, replayedLsns, required);
            }
        }
    }

    private void checkTransactionReplay(Call call, long first, Map<Long, WalEntry> byLsn, Set<Long> replayedLsns,
                                        Set<Long> required) {
        int entries = call.recordCount() - 2;
        int replayedEntries = 0;
        for (int i = 1; i <= entries; i++) {
            // Past a lost part of the transaction, its LSNs hold other records.
            boolean own = call.records.get(i).equals(byLsn.get(first + i));
            if (own && replayedLsns.contains(first + i)) {
                replayedEntries++;
            }
        }
        if (replayedEntries != 0 && replayedEntries != entries) {
            violations.add("recover() replayed %d of the %d entries of the transaction at LSN %d (%s)", replayedEntries,
                    entries, first, call);
        }
        boolean mustReplay = call.acknowledged() && required.contains(first + call.recordCount() - 1);
        if (mustReplay && entries > 0 && replayedEntries == 0) {
            violations.add("recover() did not replay the acknowledged transaction at LSN %d (%s)", first, call);
        }
    }
}
