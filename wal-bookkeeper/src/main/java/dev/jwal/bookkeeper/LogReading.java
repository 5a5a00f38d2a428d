package dev.jwal.bookkeeper;

import dev.jwal.api.LogProblem;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.codec.Codecs;
import dev.jwal.core.CommittedRecords;
import dev.jwal.core.FramedRecords;
import org.apache.bookkeeper.client.api.ReadHandle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Cursors over a log's ledgers, shared by the writer and by read-only readers: every record from an LSN, or what
 * recovery replays (core's transaction rules, through {@link CommittedRecords}). Finds each ledger's codec by name
 * once. Thread safe; the cursors are not.
 */
final class LogReading {
    private final Ledgers ledgers;
    private final int maxRecordSize;
    private final Consumer<LogProblem> problems;
    private final Map<String, FramedRecords> framings = new ConcurrentHashMap<>();

    /**
     * @param maxRecordSize the largest payload read
     * @param problems      told of transaction markers naming no open transaction; may be null
     */
    LogReading(Ledgers ledgers, int maxRecordSize, Consumer<LogProblem> problems) {
        this.ledgers = ledgers;
        this.maxRecordSize = maxRecordSize;
        this.problems = problems;
    }

    /**
     * The framing of a codec's records.
     *
     * @throws dev.jwal.api.error.CodecNotFoundException naming the module to add
     */
    FramedRecords framing(String codec) {
        return framings.computeIfAbsent(codec, name -> new FramedRecords(Codecs.byName(name), maxRecordSize));
    }

    /** Every record of {@code ranges} from {@code fromLsn} on. */
    LedgerCursor read(List<LedgerRange> ranges, long fromLsn, LedgerCursor.Opener opener) {
        return new LedgerCursor(ranges, fromLsn, opener, this::framing, ledgers);
    }

    /** The committed data entries after {@code checkpointLsn} (-1: all). */
    RecordCursor recoverAfter(List<LedgerRange> ranges, long checkpointLsn, LedgerCursor.Opener opener) {
        LedgerCursor records = read(ranges, checkpointLsn + 1, opener);
        return CommittedRecords.of(records, records::currentPlace, records::currentOffset,
                lsn -> read(ranges, lsn, opener), problems);
    }

    /**
     * Opens ledgers without fencing them: a closed one to its end, an open one to the last entry its bookies know
     * is confirmed (what its writer has acknowledged, within a second).
     */
    LedgerCursor.Opener readOnly() {
        return range -> {
            ReadHandle handle = ledgers.open(range.ledgerId(), false);
            long last = handle.isClosed() ? handle.getLastAddConfirmed()
                    : ledgers.await(handle.readLastAddConfirmedAsync(), "reading the last confirmed entry",
                    ledgers.place(range.ledgerId()));
            return new LedgerCursor.OpenLedger(handle, last, true);
        };
    }
}
