package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.RecordsTruncatedException;
import dev.jwal.api.error.WalException;
import dev.jwal.core.FramedRecords;
import org.apache.bookkeeper.client.api.LedgerEntries;
import org.apache.bookkeeper.client.api.LedgerEntry;
import org.apache.bookkeeper.client.api.ReadHandle;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Streams a log's records from an LSN across its ledgers, a batch of entries at a time: each entry's records are
 * checked (CRC32C, length, LSNs contiguous within and across entries and ledgers) before they are returned, and a
 * closed ledger must end at the LSN the metadata says. Records truncation deleted are reported with
 * {@link RecordsTruncatedException}, never passed over. Memory holds one batch of entries. Not thread safe.
 */
final class LedgerCursor implements RecordCursor {
    /** Entries read with one request. */
    private static final int BATCH = 64;

    /** A ledger open for reading, and the last entry that may be read from it. */
    record OpenLedger(ReadHandle handle, long lastEntry, boolean owned) {
    }

    /** Opens the ledger a range names; a ledger that is gone throws {@link RecordsTruncatedException}. */
    interface Opener {
        OpenLedger open(LedgerRange range);
    }

    private final List<LedgerRange> ranges;
    private final long fromLsn;
    private final Opener opener;
    private final Function<String, FramedRecords> codecs;
    private final Ledgers ledgers;
    private final Deque<LogRecord> buffered = new ArrayDeque<>();
    private final Deque<Long> bufferedEntries = new ArrayDeque<>();

    private int index;
    private LedgerRange range;
    private OpenLedger ledger;
    private long nextEntry;
    /** The LSN the next record read must have, or -1 right after a search by LSN. */
    private long expected = -1;
    private long lastSeen = -1;
    private Path place;
    private long offset = -1;
    private boolean closed;

    /**
     * @param ranges  the log's ledgers, in LSN order
     * @param fromLsn the first LSN wanted
     * @param opener  opens a range's ledger
     * @param codecs  the framing of each codec name
     * @param ledgers names places
     * @throws RecordsTruncatedException if {@code fromLsn} is below the log's first record
     */
    LedgerCursor(List<LedgerRange> ranges, long fromLsn, Opener opener, Function<String, FramedRecords> codecs,
                 Ledgers ledgers) {
        this.ranges = List.copyOf(ranges);
        this.fromLsn = fromLsn;
        this.opener = opener;
        this.codecs = codecs;
        this.ledgers = ledgers;
        if (!ranges.isEmpty() && fromLsn < ranges.get(0).firstLsn()) {
            throw new RecordsTruncatedException(fromLsn, ranges.get(0).firstLsn() - 1, "truncation deleted the "
                    + "ledgers that held them; the log starts at LSN " + ranges.get(0).firstLsn());
        }
    }

    @Override
    public boolean hasNext() {
        while (buffered.isEmpty() && !closed) {
            if (ledger == null && !openNext()) {
                return false;
            }
            if (nextEntry > ledger.lastEntry()) {
                finishLedger();
                continue;
            }
            readBatch();
        }
        return !buffered.isEmpty();
    }

    @Override
    public LogRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records");
        }
        offset = bufferedEntries.removeFirst();
        return buffered.removeFirst();
    }

    /** The log and ledger of the record just returned. */
    Path currentPlace() {
        return place;
    }

    /** The entry of the record just returned. */
    long currentOffset() {
        return offset;
    }

    private boolean openNext() {
        while (index < ranges.size()) {
            LedgerRange candidate = ranges.get(index++);
            if (candidate.closed() && candidate.lastLsn() < fromLsn) {
                continue;
            }
            range = candidate;
            place = ledgers.place(range.ledgerId());
            lastSeen = -1;
            try {
                ledger = opener.open(range);
            } catch (WalException e) {
                throw gone(e);
            }
            if (fromLsn <= range.firstLsn()) {
                nextEntry = 0;
                expected = range.firstLsn();
            } else {
                nextEntry = entryHolding(fromLsn);
                expected = -1;
            }
            return true;
        }
        return false;
    }

    /** The last entry whose first record is at or below {@code lsn}: a binary search, one entry read per step. */
    private long entryHolding(long lsn) {
        long low = 0;
        long high = ledger.lastEntry();
        long found = 0;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            long first = FramedRecords.firstLsn(readOne(middle), entryPlace(middle));
            if (first <= lsn) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private byte[] readOne(long entry) {
        try (LedgerEntries entries = ledgers.await(ledger.handle().readAsync(entry, entry), "reading", place)) {
            return entries.getEntry(entry).getEntryBytes();
        }
    }

    private void readBatch() {
        long last = Math.min(ledger.lastEntry(), nextEntry + BATCH - 1);
        FramedRecords framing = codecs.apply(range.codec());
        try (LedgerEntries entries = ledgers.await(ledger.handle().readAsync(nextEntry, last), "reading", place)) {
            for (LedgerEntry entry : entries) {
                long entryId = entry.getEntryId();
                List<LogRecord> records = framing.decode(entry.getEntryBytes(), expected, entryPlace(entryId));
                for (LogRecord record : records) {
                    if (record.lsn() >= fromLsn) {
                        buffered.addLast(record);
                        bufferedEntries.addLast(entryId);
                    }
                }
                lastSeen = records.get(records.size() - 1).lsn();
                expected = lastSeen + 1;
            }
        } catch (WalException e) {
            throw gone(e);
        }
        nextEntry = last + 1;
    }

    private void finishLedger() {
        boolean expectedRecords = range.lastLsn() >= Math.max(fromLsn, range.firstLsn());
        if (range.closed() && (lastSeen >= 0 ? lastSeen != range.lastLsn() : expectedRecords)) {
            throw new CorruptLogException(place, ledger.lastEntry(), range.lastLsn(),
                    CorruptLogException.Kind.CORRUPT_RECORD, "the ledger ends at LSN " + lastSeen
                    + " (-1: holds no entry) but the log's metadata says it ends at LSN " + range.lastLsn(), null);
        }
        closeLedger();
    }

    private WalException gone(WalException e) {
        if (BookKeeperFailures.noSuchLedger(e.getCause() != null ? e.getCause() : e)) {
            return new RecordsTruncatedException(Math.max(fromLsn, expected), range.closed() ? range.lastLsn() : -1,
                    "ledger " + range.ledgerId() + " was deleted by truncation while it was read");
        }
        return e;
    }

    private Path entryPlace(long entry) {
        return place.resolve("entry-" + entry);
    }

    private void closeLedger() {
        if (ledger != null && ledger.owned()) {
            ledger.handle().closeAsync();
        }
        ledger = null;
    }

    @Override
    public void close() {
        closed = true;
        buffered.clear();
        bufferedEntries.clear();
        closeLedger();
    }
}
