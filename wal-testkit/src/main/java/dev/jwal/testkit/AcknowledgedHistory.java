package dev.jwal.testkit;

import dev.jwal.api.LsnRange;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a workload asked a log to do and what the log acknowledged: make the
 * calls through it ({@link #append}, {@link #appendTransaction}, {@link #sync},
 * {@link #checkpoint}, {@link #truncate}), cut the power, reopen the log and
 * {@link #check} it. Each method calls the log, records the outcome and returns
 * or rethrows what the log did, so a workload reads as if it used the log
 * directly. Calls that failed, or were still running when the power went, are
 * "in flight": their records may or may not come back.
 *
 * <pre>{@code
 * AcknowledgedHistory history = new AcknowledgedHistory();
 * long lsn = history.append(log, entry);            // instead of log.append(entry)
 * ...
 * history.check(reopened, DurabilityPromise.of(SyncPolicy.everyWrite())).assertOk();
 * }</pre>
 *
 * Thread safe: several appender threads may share one history.
 */
public final class AcknowledgedHistory {
    private final List<Call> calls = new ArrayList<>();

    /** An empty history. */
    public AcknowledgedHistory() {
    }

    /** {@code log.append(entry)}, recorded. */
    public long append(WriteAheadLog log, WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return recordAppend(entry, () -> log.append(entry));
    }

    /**
     * Records an append your own code makes (a store that writes to its log, say): {@code append} must
     * append exactly {@code entry} and return its LSN.
     */
    public long recordAppend(WalEntry entry, LongSupplier append) {
        Call call = begin(Call.Kind.APPEND, List.of(entry));
        long lsn = run(call, append::getAsLong);
        acknowledge(call, lsn);
        return lsn;
    }

    /** {@code log.appendTransaction(txnId, entries)}, recorded. */
    public LsnRange appendTransaction(WriteAheadLog log, long txnId, List<? extends WalEntry> entries) {
        List<WalEntry> records = new ArrayList<>(entries.size() + 2);
        records.add(new WalEntry.TxnBegin(txnId));
        records.addAll(entries);
        records.add(new WalEntry.TxnCommit(txnId));
        Call call = begin(Call.Kind.TRANSACTION, records);
        LsnRange range = run(call, () -> log.appendTransaction(txnId, entries));
        acknowledge(call, range.first());
        return range;
    }

    /** {@code log.sync()}, recorded: what was acknowledged before it began must survive once it returns. */
    public void sync(WriteAheadLog log) {
        Call call = begin(Call.Kind.SYNC, List.of());
        run(call, () -> {
            log.sync();
            return null;
        });
        acknowledge(call, -1);
    }

    /** {@code log.checkpoint()}, recorded: once it returns, the checkpoint must survive. */
    public long checkpoint(WriteAheadLog log) {
        Call call = begin(Call.Kind.CHECKPOINT, List.of());
        long lsn = run(call, log::checkpoint);
        acknowledge(call, lsn);
        return lsn;
    }

    /** {@code log.truncate(upToLsn)}, recorded: records below it may then be gone. */
    public int truncate(WriteAheadLog log, long upToLsn) {
        Call call = begin(Call.Kind.TRUNCATE, List.of());
        int deleted = run(call, () -> log.truncate(upToLsn));
        acknowledge(call, -1);
        return deleted;
    }

    /** Records acknowledged so far (markers included). */
    public synchronized int acknowledgedRecords() {
        return calls.stream().filter(c -> c.acknowledged() && c.writes()).mapToInt(Call::recordCount).sum();
    }

    /** Calls that threw. */
    public synchronized int failedCalls() {
        return (int) calls.stream().filter(c -> c.failure() != null).count();
    }

    /** The highest LSN acknowledged so far. */
    public synchronized OptionalLong lastAcknowledgedLsn() {
        return calls.stream().filter(c -> c.acknowledged() && c.writes()).mapToLong(Call::lastLsn).max();
    }

    /**
     * Compares a reopened log with this history, checking that:
     * <ul>
     *   <li>its records have contiguous LSNs;</li>
     *   <li>every record at an acknowledged LSN is the entry acknowledged there;</li>
     *   <li>every other record comes from a call in flight, in that call's order (only the last such
     *       call may be cut short), or is a rollback the reopened log wrote for a transaction in flight:
     *       nothing comes back that was not appended;</li>
     *   <li>every acknowledged record {@code promise} covers is there, unless truncated before the
     *       checkpoint;</li>
     *   <li>the checkpoint is at least the last acknowledged one;</li>
     *   <li>{@code recover()} replays the records read back, none at or before the checkpoint, every
     *       covered data entry after it, and all or none of each transaction.</li>
     * </ul>
     * Call it once no call is running any more.
     */
    public HistoryReport check(WriteAheadLog reopened, DurabilityPromise promise) {
        List<Call> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(calls);
        }
        return new HistoryCheck(snapshot, promise).check(reopened);
    }

    /**
     * As {@link #check}, for a log reopened in the middle of a history (after a process crash, a failure, or
     * a power loss the workload goes on after), and then, if the promise was kept, goes on from what the
     * reopened log holds: acknowledged calls whose records it lost (as the promise allowed) count from now on
     * as calls in flight, so later appends may take their LSNs; calls in flight all of whose records it holds
     * count as acknowledged from now on, since the reopened log replays them and builds on them. Take
     * {@code promise} at the crash or failure, before reopening (the reopened log's own forces must not count
     * for what was written before).
     */
    public HistoryReport checkReopened(WriteAheadLog reopened, DurabilityPromise promise) {
        synchronized (this) {
            HistoryCheck check = new HistoryCheck(List.copyOf(calls), promise);
            HistoryReport report = check.check(reopened);
            if (report.ok()) {
                HistoryCheck.Outcome outcome = check.outcome();
                long now = System.nanoTime();
                outcome.lost().forEach(Call::lostOnReopening);
                outcome.cameBack().forEach((call, lsn) -> call.acknowledge(lsn, now));
            }
            return report;
        }
    }

    /** Every call made, in the order they began, one line each: for failure messages. */
    public synchronized String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < calls.size(); i++) {
            text.append(i).append(": ").append(calls.get(i)).append('\n');
        }
        return text.toString();
    }

    private synchronized Call begin(Call.Kind kind, List<WalEntry> records) {
        Call call = new Call(kind, records, System.nanoTime());
        calls.add(call);
        return call;
    }

    private <T> T run(Call call, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException | Error e) {
            long now = System.nanoTime();
            synchronized (this) {
                call.fail(e, now);
            }
            throw e;
        }
    }

    private void acknowledge(Call call, long lsn) {
        long now = System.nanoTime();
        synchronized (this) {
            call.acknowledge(lsn, now);
        }
    }
}
