package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.error.WalException;
import org.apache.bookkeeper.client.api.LedgerEntries;
import org.apache.bookkeeper.client.api.ReadHandle;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Reads a log on BookKeeper without writing to it or fencing its writer: what {@code wal dump}, {@code recover} and
 * {@code stats} use beside a live writer. Every call reads the log's metadata afresh; a ledger still being written
 * is read up to the last entry its bookies know is confirmed, which trails the writer's acknowledgements by at most
 * about a second. Thread safe; the cursors are not.
 */
public final class BookKeeperLogReader implements AutoCloseable {
    private final BookKeeperWalConfig config;
    private final LogMetadataStore store;
    private final Ledgers ledgers;
    private final LogReading reading;

    private BookKeeperLogReader(BookKeeperWalConfig config, LogMetadataStore store, Ledgers ledgers) {
        this.config = config;
        this.store = store;
        this.ledgers = ledgers;
        this.reading = new LogReading(ledgers, config.maxEntryBytes(), null);
    }

    /**
     * Connects to the cluster for reading the log {@code config} names.
     *
     * @param config the cluster and the log
     * @return the reader
     * @throws dev.jwal.api.error.WalFailedException if ZooKeeper or the bookies cannot be reached
     */
    public static BookKeeperLogReader open(BookKeeperWalConfig config) {
        Objects.requireNonNull(config, "config");
        LogMetadataStore store = new LogMetadataStore(config, lost -> { });
        try {
            return new BookKeeperLogReader(config, store, new Ledgers(config));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Whether the log exists.
     *
     * @return true if its znode exists
     */
    public boolean exists() {
        return store.read().isPresent();
    }

    /**
     * The log's metadata as of now.
     *
     * @return the ledgers and the checkpoint; an empty log's when the log does not exist
     * @throws CorruptLogMetadataException if the znode holds something else
     */
    public LogMetadata metadata() {
        return store.read().map(LogMetadataStore.Versioned::metadata).orElse(LogMetadata.empty());
    }

    /**
     * Every record from {@code fromLsn} on, markers included, as {@link dev.jwal.api.WriteAheadLog#read}.
     *
     * @param fromLsn the first LSN wanted
     * @return a cursor, to be closed by the caller
     */
    public RecordCursor read(long fromLsn) {
        if (fromLsn < 0) {
            throw new IllegalArgumentException("fromLsn must be >= 0, was " + fromLsn);
        }
        return reading.read(metadata().ledgers(), fromLsn, reading.readOnly());
    }

    /**
     * What recovery would replay now, as {@link dev.jwal.api.WriteAheadLog#recover}.
     *
     * @return a cursor, to be closed by the caller
     */
    public RecordCursor recover() {
        LogMetadata metadata = metadata();
        return reading.recoverAfter(metadata.ledgers(), metadata.checkpointLsn(), reading.readOnly());
    }

    /**
     * The last persisted checkpoint.
     *
     * @return its LSN, or empty
     */
    public OptionalLong lastCheckpointLsn() {
        long lsn = metadata().checkpointLsn();
        return lsn < 0 ? OptionalLong.empty() : OptionalLong.of(lsn);
    }

    /**
     * The LSN after the last confirmed record: what the next append would get if the writer stopped now.
     *
     * @return that LSN; 0 for a log that holds nothing
     * @throws WalException if the last ledger cannot be read
     */
    public long nextLsn() {
        LogMetadata metadata = metadata();
        LedgerRange last = metadata.last();
        if (last == null) {
            return 0;
        }
        if (last.closed()) {
            return last.lastLsn() + 1;
        }
        LedgerCursor.OpenLedger open = reading.readOnly().open(last);
        ReadHandle handle = open.handle();
        try {
            if (open.lastEntry() < 0) {
                return last.firstLsn();
            }
            try (LedgerEntries entries = ledgers.await(handle.readAsync(open.lastEntry(), open.lastEntry()),
                    "reading the last entry", ledgers.place(last.ledgerId()))) {
                List<LogRecord> records = reading.framing(last.codec()).decode(entries.getEntry(open.lastEntry())
                        .getEntryBytes(), -1, ledgers.place(last.ledgerId()).resolve("entry-" + open.lastEntry()));
                return records.get(records.size() - 1).lsn() + 1;
            }
        } finally {
            handle.closeAsync();
        }
    }

    /**
     * The settings this reader was opened with.
     *
     * @return the configuration
     */
    public BookKeeperWalConfig config() {
        return config;
    }

    /** Disconnects from the cluster. */
    @Override
    public void close() {
        ledgers.close();
        store.close();
    }
}
