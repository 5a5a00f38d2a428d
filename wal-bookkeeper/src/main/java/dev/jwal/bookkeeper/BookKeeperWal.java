package dev.jwal.bookkeeper;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LsnRange;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalFencedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.DurableProgress;
import dev.jwal.core.FramedRecords;
import dev.jwal.core.SyncLatencyRecorder;
import org.apache.bookkeeper.client.api.LedgerEntries;
import org.apache.bookkeeper.client.api.ReadHandle;
import org.apache.bookkeeper.client.api.WriteHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link WriteAheadLog} replicated on Apache BookKeeper: the log is a list of ledgers, each BookKeeper entry a
 * run of framed records (CRC32C and LSN, core's format and codecs), the list and the checkpoint kept in a
 * ZooKeeper znode changed only by compare-and-set. docs/bookkeeper.md has the whole model.
 *
 * <p><b>Durability.</b> {@code append} returns once the entry is on the ack quorum of bookies, each of which has
 * written it to its journal and, with BookKeeper's default {@code journalSyncData=true}, fsynced it. A transaction
 * or a batch up to {@link BookKeeperWalConfig#maxEntryBytes()} is one entry, so it is kept whole or not at all.
 *
 * <p><b>One writer.</b> {@link #open} fences the previous writer's last ledger (BookKeeper's recovery open) before
 * it writes: from then on the previous writer acknowledges nothing, and its next append throws
 * {@link WalFencedException}. LSNs continue from the last entry the previous writer's ack quorum has.
 *
 * <p><b>Failure.</b> A failed add fails the log as a failed fsync does: that call throws {@link WalIOException}
 * (or {@link WalFencedException}), later ones {@link WalFailedException}. Losing the ZooKeeper session (expired,
 * or unreachable for the session timeout) fails the log with {@link WalFailedException} too.
 *
 * <p>Thread safe: appends are numbered and handed to BookKeeper in one order under a lock, and acknowledged in
 * that order.
 */
public final class BookKeeperWal implements WriteAheadLog {
    private static final Logger LOG = LoggerFactory.getLogger(BookKeeperWal.class);

    private final BookKeeperWalConfig config;
    private final LogMetadataStore store;
    private final Ledgers ledgers;
    private final LogReading reading;
    private final FramedRecords framing;
    private final SyncLatencyRecorder latency;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private LogMetadataStore.Versioned metadata;
    private WriteHandle ledger;
    private LedgerRange ledgerRange;
    /** The log and ledger appends go to, for messages; made once per ledger. */
    private Path ledgerPlace;
    private long nextLsn;
    private long ledgerBytes;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    private volatile WalException failure;
    private volatile boolean closed;
    private final DurableProgress progress;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong acknowledgedEntries = new AtomicLong();
    private final AtomicLong sinceCheckpoint = new AtomicLong();
    private final AtomicLong bytesAppended = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private BookKeeperWal(BookKeeperWalConfig config) {
        this.config = config;
        this.store = new LogMetadataStore(config, this::sessionLost);
        Ledgers client;
        try {
            client = new Ledgers(config);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.ledgers = client;
        this.reading = new LogReading(ledgers, config.maxEntryBytes(), null);
        this.framing = reading.framing(config.codec());
        this.latency = new SyncLatencyRecorder(config.slowAddThreshold());
        this.progress = new DurableProgress(-1, "the log '" + config.logName() + "'");
    }

    /**
     * Opens the log for writing, creating it if it does not exist: fences the previous writer, finds the next LSN
     * from the last entry its ack quorum has, and starts a ledger of its own.
     *
     * @param config the cluster, the log and its settings
     * @return the open log
     * @throws WalFencedException   if another writer opened the log at the same time
     * @throws WalFailedException   if ZooKeeper or the bookies cannot be reached
     * @throws WalIOException       if fencing or reading the previous ledger failed
     * @throws CorruptLogMetadataException if the log's znode holds something else
     * @throws dev.jwal.api.error.CodecNotFoundException if the codec is not on the class path
     */
    public static BookKeeperWal open(BookKeeperWalConfig config) {
        Objects.requireNonNull(config, "config");
        BookKeeperWal log = new BookKeeperWal(config);
        try {
            log.takeOver(-1);
            return log;
        } catch (RuntimeException e) {
            log.releaseClients();
            throw e;
        }
    }

    /**
     * Creates a new log whose first record will have LSN {@code firstLsn}, as a conversion from a log whose
     * older records were truncated needs.
     *
     * @param config   the cluster, the log and its settings
     * @param firstLsn the LSN of the first record, 0 or more
     * @return the open log, empty
     * @throws WalException if the log exists and holds a ledger already, or as {@link #open}
     */
    static BookKeeperWal create(BookKeeperWalConfig config, long firstLsn) {
        if (firstLsn < 0) {
            throw new IllegalArgumentException("firstLsn must be >= 0, was " + firstLsn);
        }
        BookKeeperWal log = new BookKeeperWal(config);
        try {
            log.takeOver(firstLsn);
            return log;
        } catch (RuntimeException e) {
            log.releaseClients();
            throw e;
        }
    }

    /**
     * Fences the previous writer and starts this writer's ledger; one compare-and-set publishes both.
     *
     * @param newLogFirstLsn -1 to open the log as it is; else the log must hold no ledger and starts at this LSN
     */
    private void takeOver(long newLogFirstLsn) {
        lock.lock();
        try {
            LogMetadataStore.Versioned read = store.readOrCreate();
            LogMetadata current = read.metadata();
            if (newLogFirstLsn >= 0 && !current.ledgers().isEmpty()) {
                throw new WalException("log '" + config.logName() + "' on " + config.zooKeeper() + " already holds "
                        + current.ledgers().size() + " ledger(s); a conversion writes into a new log");
            }
            List<Long> replaced = new ArrayList<>();
            LedgerRange last = current.last();
            if (last != null && !last.closed()) {
                last = recoverLedger(last);
                current = current.withLast(last);
            }
            long next = newLogFirstLsn >= 0 ? newLogFirstLsn : current.nextLsnAfterClosed();
            if (last != null && last.records() == 0) {
                // An empty last ledger: the new one starts at the same LSN and takes its place.
                current = current.withoutLast();
                replaced.add(last.ledgerId());
            }
            WriteHandle created = ledgers.create(next);
            LedgerRange range = LedgerRange.open(created.getId(), next, config.codec());
            int version;
            try {
                version = store.compareAndSet(current.with(range), read.version());
            } catch (LogMetadataStore.ConflictException e) {
                created.closeAsync();
                deleteQuietly(created.getId());
                throw new WalFencedException("another writer opened log '" + config.logName()
                        + "' at the same time: " + e.getMessage(), e);
            }
            metadata = new LogMetadataStore.Versioned(current.with(range), version);
            ledger = created;
            ledgerRange = range;
            ledgerPlace = ledgers.place(created.getId());
            nextLsn = next;
            progress.advance(next - 1);
            replaced.forEach(this::deleteQuietly);
            LOG.info("opened log '{}' for writing at LSN {} in ledger {} ({} ledger(s), checkpoint {})",
                    config.logName(), next, created.getId(), metadata.metadata().ledgers().size(),
                    current.checkpointLsn());
        } finally {
            lock.unlock();
        }
    }

    /** Fences the previous writer's ledger and reads where it ends: its range, closed. */
    private LedgerRange recoverLedger(LedgerRange open) {
        Path place = ledgers.place(open.ledgerId());
        ReadHandle handle = ledgers.open(open.ledgerId(), true);
        try {
            long lastEntry = handle.getLastAddConfirmed();
            if (lastEntry < 0) {
                return open.closedAt(open.firstLsn() - 1, 0);
            }
            try (LedgerEntries entries = ledgers.await(handle.readAsync(lastEntry, lastEntry), "reading the last "
                    + "entry", place)) {
                byte[] bytes = entries.getEntry(lastEntry).getEntryBytes();
                var records = reading.framing(open.codec()).decode(bytes, -1, place.resolve("entry-" + lastEntry));
                long lastLsn = records.get(records.size() - 1).lsn();
                LOG.info("fenced ledger {} of log '{}': it ends at entry {}, LSN {}", open.ledgerId(),
                        config.logName(), lastEntry, lastLsn);
                return open.closedAt(lastLsn, handle.getLength());
            }
        } finally {
            handle.closeAsync();
        }
    }

    @Override
    public long append(WalEntry entry) {
        return await(appendAsync(entry));
    }

    @Override
    public CompletableFuture<Long> appendAsync(WalEntry entry) {
        byte[] payload = payload(entry);
        lock.lock();
        try {
            ensureWritable();
            rollIfDue();
            appended.incrementAndGet();
            sinceCheckpoint.incrementAndGet();
            CompletableFuture<Long> acked = addRun(List.of(payload));
            tail = acked;
            return acked;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LsnRange appendBatch(List<? extends WalEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
        List<byte[]> payloads = new ArrayList<>(entries.size());
        for (WalEntry entry : entries) {
            payloads.add(payload(entry));
        }
        return await(submit(payloads, false));
    }

    @Override
    public LsnRange appendTransaction(long txnId, List<? extends WalEntry> entries) {
        List<byte[]> payloads = new ArrayList<>(entries.size() + 2);
        payloads.add(framing.payload(new WalEntry.TxnBegin(txnId)));
        for (WalEntry entry : entries) {
            Objects.requireNonNull(entry, "entry");
            if (entry.isMarker() || entry instanceof WalEntry.Checkpoint) {
                throw new EntryRejectedException("a transaction holds data entries only, not " + entry);
            }
            payloads.add(payload(entry));
        }
        payloads.add(framing.payload(new WalEntry.TxnCommit(txnId)));
        long size = FramedRecords.size(payloads);
        if (size > config.maxEntryBytes()) {
            throw new EntryRejectedException(String.format("a transaction of %,d bytes does not fit in one "
                    + "BookKeeper entry of at most %,d bytes (maxEntryBytes); it would not be all or nothing", size,
                    config.maxEntryBytes()));
        }
        return await(submit(payloads, true));
    }

    /** Refuses what may not be appended (null, a Checkpoint, what the codec refuses), else encodes it. */
    private byte[] payload(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry instanceof WalEntry.Checkpoint) {
            throw new EntryRejectedException("a Checkpoint record is written by checkpoint(), not appended");
        }
        byte[] payload = framing.payload(entry);
        if (FramedRecords.size(List.of(payload)) > config.maxEntryBytes()) {
            throw new EntryRejectedException(String.format("encoded entry is %,d bytes, over the %,d bytes a "
                    + "BookKeeper entry holds (maxEntryBytes)", payload.length, config.maxEntryBytes()));
        }
        return payload;
    }

    /**
     * Numbers the records and hands them to BookKeeper in order: one entry if {@code oneEntry}, else as few
     * entries of at most {@code maxEntryBytes} as hold them.
     */
    private CompletableFuture<LsnRange> submit(List<byte[]> payloads, boolean oneEntry) {
        lock.lock();
        try {
            ensureWritable();
            rollIfDue();
            long first = nextLsn;
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            for (List<byte[]> run : oneEntry ? List.of(payloads) : runs(payloads)) {
                acks.add(addRun(run));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
            tail = all;
            LsnRange range = new LsnRange(first, nextLsn - 1);
            appended.addAndGet(payloads.size());
            sinceCheckpoint.addAndGet(payloads.size());
            return all.thenApply(done -> range);
        } finally {
            lock.unlock();
        }
    }

    /** Splits payloads into runs that each fit an entry. */
    private List<List<byte[]>> runs(List<byte[]> payloads) {
        List<List<byte[]>> runs = new ArrayList<>();
        List<byte[]> run = new ArrayList<>();
        long size = 0;
        for (byte[] payload : payloads) {
            long recordSize = FramedRecords.size(List.of(payload));
            if (!run.isEmpty() && size + recordSize > config.maxEntryBytes()) {
                runs.add(run);
                run = new ArrayList<>();
                size = 0;
            }
            run.add(payload);
            size += recordSize;
        }
        runs.add(run);
        return runs;
    }

    /** Adds one entry; under the lock. Completes with the LSN of the run's first record once acknowledged. */
    private CompletableFuture<Long> addRun(List<byte[]> run) {
        long first = nextLsn;
        long last = first + run.size() - 1;
        byte[] bytes = FramedRecords.encode(first, run);
        nextLsn = last + 1;
        ledgerBytes += bytes.length;
        bytesAppended.addAndGet(bytes.length);
        Path place = ledgerPlace;
        long started = System.nanoTime();
        CompletableFuture<Long> add;
        try {
            add = ledger.appendAsync(bytes);
        } catch (RuntimeException e) {
            add = CompletableFuture.failedFuture(e);
        }
        return add.handle((entryId, error) -> {
            if (error != null) {
                throw new CompletionException(fail("appending LSNs " + first + " to " + last, place, error));
            }
            latency.record(place, System.nanoTime() - started);
            acknowledgedEntries.incrementAndGet();
            progress.advance(last); // BookKeeper confirms a ledger's adds in entry order
            return first;
        });
    }

    /** Starts a new ledger once the current one is full; under the lock. */
    private void rollIfDue() {
        if (ledgerBytes < config.ledgerRolloverBytes()) {
            return;
        }
        Path place = ledgerPlace;
        awaitAcks(tail);
        ledgers.await(ledger.closeAsync(), "closing", place);
        LedgerRange full = ledgerRange.closedAt(nextLsn - 1, ledgerBytes);
        WriteHandle created;
        try {
            created = ledgers.create(nextLsn);
        } catch (WalException e) {
            throw fail("starting a new ledger", place, e);
        }
        LedgerRange range = LedgerRange.open(created.getId(), nextLsn, config.codec());
        LogMetadata changed = metadata.metadata().withLast(full).with(range);
        publish(changed, "starting ledger " + created.getId(), () -> {
            created.closeAsync();
            deleteQuietly(created.getId());
        });
        ledger = created;
        ledgerRange = range;
        ledgerPlace = ledgers.place(created.getId());
        ledgerBytes = 0;
        LOG.debug("log '{}' continues in ledger {} at LSN {}", config.logName(), created.getId(), nextLsn);
    }

    /** Compare-and-sets the metadata; a conflict means another writer took over: this one is fenced. */
    private void publish(LogMetadata changed, String what, Runnable undo) {
        try {
            metadata = new LogMetadataStore.Versioned(changed, store.compareAndSet(changed, metadata.version()));
        } catch (LogMetadataStore.ConflictException e) {
            undo.run();
            throw fail(what, Path.of(config.logName()), new WalFencedException("another writer opened log '"
                    + config.logName() + "': " + e.getMessage(), e));
        } catch (WalException e) {
            undo.run();
            throw fail(what, Path.of(config.logName()), e);
        }
    }

    /**
     * Appends records that carry their LSNs already (a conversion's), markers and checkpoint records included;
     * each must have the next LSN.
     *
     * @throws IllegalArgumentException if a record's LSN is not the next one
     */
    void appendRecords(List<dev.jwal.api.LogRecord> records) {
        List<byte[]> payloads = new ArrayList<>(records.size());
        lock.lock();
        try {
            long expected = nextLsn;
            for (dev.jwal.api.LogRecord record : records) {
                if (record.lsn() != expected++) {
                    throw new IllegalArgumentException("record " + record.lsn() + " is not at the next LSN, "
                            + (expected - 1) + ": a converted log keeps LSNs, so it cannot have gaps");
                }
                byte[] payload = framing.payload(record.entry());
                if (FramedRecords.size(List.of(payload)) > config.maxEntryBytes()) {
                    throw new EntryRejectedException(String.format("record %d is %,d bytes, over the %,d bytes a "
                            + "BookKeeper entry holds (maxEntryBytes)", record.lsn(), payload.length,
                            config.maxEntryBytes()));
                }
                payloads.add(payload);
            }
            await(submit(payloads, false));
        } finally {
            lock.unlock();
        }
    }

    /** Encodes an entry as a record would be, refusing what the codec cannot represent (conversions name it). */
    byte[] framingOf(WalEntry entry) {
        return framing.payload(entry);
    }

    /** Persists {@code lsn} as the log's checkpoint without appending a Checkpoint record (a conversion's). */
    void persistCheckpoint(long lsn) {
        lock.lock();
        try {
            ensureWritable();
            awaitAcks(tail);
            publish(metadata.metadata().withCheckpoint(lsn), "persisting checkpoint " + lsn, () -> { });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sync() {
        ensureOpen();
        CompletableFuture<?> pending;
        lock.lock();
        try {
            ensureWritable();
            pending = tail;
        } finally {
            lock.unlock();
        }
        awaitAcks(pending);
    }

    @Override
    public long checkpoint() {
        lock.lock();
        try {
            ensureWritable();
            long lsn = nextLsn;
            submit(List.of(framing.payload(new WalEntry.Checkpoint(lsn))), true);
            awaitAcks(tail);
            publish(metadata.metadata().withCheckpoint(lsn), "persisting checkpoint " + lsn, () -> { });
            sinceCheckpoint.set(0);
            LOG.debug("checkpoint at LSN {} in log '{}'", lsn, config.logName());
            return lsn;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OptionalLong lastCheckpointLsn() {
        ensureOpen();
        long lsn = snapshot().metadata().checkpointLsn();
        return lsn < 0 ? OptionalLong.empty() : OptionalLong.of(lsn);
    }

    @Override
    public RecordCursor recover() {
        ensureOpen();
        Snapshot snapshot = snapshot();
        return reading.recoverAfter(snapshot.ranges(), snapshot.metadata().checkpointLsn(), snapshot.opener());
    }

    @Override
    public RecordCursor recoverAfter(long checkpointLsn) {
        if (checkpointLsn < -1) {
            throw new IllegalArgumentException("checkpointLsn must be >= -1, was " + checkpointLsn);
        }
        ensureOpen();
        Snapshot snapshot = snapshot();
        if (checkpointLsn >= snapshot.nextLsn()) {
            throw new IllegalArgumentException(String.format("checkpointLsn %d is past the end of log '%s', whose "
                    + "next LSN is %d", checkpointLsn, config.logName(), snapshot.nextLsn()));
        }
        return reading.recoverAfter(snapshot.ranges(), checkpointLsn, snapshot.opener());
    }

    @Override
    public RecordCursor read(long fromLsn) {
        if (fromLsn < 0) {
            throw new IllegalArgumentException("fromLsn must be >= 0, was " + fromLsn);
        }
        ensureOpen();
        Snapshot snapshot = snapshot();
        return reading.read(snapshot.ranges(), fromLsn, snapshot.opener());
    }

    /** The ledgers as of now, and what this writer has acknowledged of its own. */
    private record Snapshot(LogMetadata metadata, List<LedgerRange> ranges, LedgerCursor.Opener opener,
                            long nextLsn) {
    }

    private Snapshot snapshot() {
        lock.lock();
        try {
            WriteHandle own = ledger;
            long ownId = own.getId();
            LedgerCursor.Opener readOnly = reading.readOnly();
            LedgerCursor.Opener opener = range -> range.ledgerId() == ownId
                    ? new LedgerCursor.OpenLedger(own, own.getLastAddConfirmed(), false) : readOnly.open(range);
            return new Snapshot(metadata.metadata(), metadata.metadata().ledgers(), opener, progress.durableLsn() + 1);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int truncate(long upToLsn) {
        List<LedgerRange> deletable = new ArrayList<>();
        lock.lock();
        try {
            ensureWritable();
            long limit = metadata.metadata().checkpointLsn() + 1;
            if (upToLsn > limit) {
                throw new IllegalArgumentException(String.format("cannot truncate up to LSN %d: recovery replays "
                        + "from LSN %d, so at most that may be truncated (take a checkpoint first)", upToLsn, limit));
            }
            List<LedgerRange> all = metadata.metadata().ledgers();
            for (int i = 0; i + 1 < all.size() && all.get(i).closed() && all.get(i).lastLsn() < upToLsn; i++) {
                deletable.add(all.get(i));
            }
            if (deletable.isEmpty()) {
                return 0;
            }
            publish(metadata.metadata().withoutFirst(deletable.size()), "truncating before LSN " + upToLsn,
                    () -> { });
        } finally {
            lock.unlock();
        }
        WalException failed = null;
        for (LedgerRange range : deletable) {
            try {
                ledgers.delete(range.ledgerId());
            } catch (WalException e) {
                failures.incrementAndGet();
                LOG.warn("truncation dropped ledger {} of log '{}' from its metadata but could not delete it; it "
                        + "holds nothing the log reads any more", range.ledgerId(), config.logName(), e);
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
        LOG.info("truncated {} ledger(s) before LSN {} in log '{}'", deletable.size(), upToLsn, config.logName());
        return deletable.size();
    }

    @Override
    public long nextLsn() {
        lock.lock();
        try {
            return nextLsn;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WalStats stats() {
        lock.lock();
        try {
            LogMetadata current = metadata.metadata();
            long bytes = ledgerBytes;
            for (LedgerRange range : current.ledgers()) {
                bytes += range.bytes();
            }
            long firstLsn = current.firstLsn();
            if (firstLsn >= nextLsn) {
                firstLsn = -1;
            }
            WalStats.ActiveSegment active = new WalStats.ActiveSegment(ledgerRange.firstLsn(), ledgerBytes,
                    nextLsn - ledgerRange.firstLsn());
            return new WalStats(nextLsn, firstLsn, current.checkpointLsn(), current.ledgers().size(), bytes,
                    appended.get(), acknowledgedEntries.get(), sinceCheckpoint.get(), latency.latency(), active,
                    bytesAppended.get(), progress.durableLsn(), failure != null, failures.get());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The settings this log was opened with.
     *
     * @return the configuration
     */
    public BookKeeperWalConfig config() {
        return config;
    }

    /**
     * The LSN up to which every record is on the ack quorum (each bookie of it has forced its journal): what a
     * reader of this log can see now.
     *
     * @return that LSN, or -1 when the log holds none
     */
    @Override
    public long durableLsn() {
        return progress.durableLsn();
    }

    /**
     * Follows this log: a cursor that returns each record from {@code fromLsn} once it is on the ack quorum,
     * waiting for new ones, across ledgers. It ends when this log is closed (a follower that had not read
     * everything then gets {@link WalClosedException}: it reads through this log's client), and throws
     * {@link WalFailedException} once it has read what was acknowledged before this log failed or was fenced.
     * A follower in another process opens a {@link BookKeeperLogReader} instead.
     *
     * @throws IllegalArgumentException if {@code fromLsn} is negative
     * @throws WalClosedException       after {@link #close()}
     */
    @Override
    public FollowCursor follow(long fromLsn) {
        if (fromLsn < 0) {
            throw new IllegalArgumentException("fromLsn must be >= 0, was " + fromLsn);
        }
        ensureOpen();
        return progress.follow(this::read, fromLsn);
    }

    /** The ledger appends go to now, for tests that stop one of its bookies. */
    long currentLedgerId() {
        lock.lock();
        try {
            return ledger.getId();
        } finally {
            lock.unlock();
        }
    }

    /** For tests that expire the metadata session: its id and password. */
    long metadataSessionId() {
        return store.sessionId();
    }

    byte[] metadataSessionPassword() {
        return store.sessionPassword();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (failure == null) {
                closeLedger();
            } else {
                ledger.closeAsync();
            }
        } finally {
            lock.unlock();
        }
        progress.close();
        releaseClients();
        LOG.info("closed log '{}' at LSN {}", config.logName(), nextLsn);
    }

    /** Waits for the acks, closes the ledger and records where it ends; under the lock. */
    private void closeLedger() {
        Path place = ledgers.place(ledger.getId());
        try {
            tail.join();
        } catch (CompletionException e) {
            ledger.closeAsync();
            return;
        }
        try {
            ledgers.await(ledger.closeAsync(), "closing", place);
            LogMetadata changed = metadata.metadata().withLast(ledgerRange.closedAt(nextLsn - 1, ledgerBytes));
            metadata = new LogMetadataStore.Versioned(changed, store.compareAndSet(changed, metadata.version()));
        } catch (LogMetadataStore.ConflictException e) {
            LOG.warn("closing log '{}': another writer took it over; it recovers this writer's last ledger",
                    config.logName());
        } catch (WalException e) {
            LOG.warn("closing log '{}' left its last ledger open; the next writer recovers it", config.logName(), e);
        }
    }

    private void releaseClients() {
        ledgers.close();
        store.close();
    }

    private void sessionLost(WalException lost) {
        if (failure == null) {
            failure = lost;
            progress.fail(lost);
            failures.incrementAndGet();
        }
    }

    /** Records the first failure (the log is failed from then on) and returns the typed exception for this call. */
    private WalException fail(String operation, Path place, Throwable error) {
        WalException typed = BookKeeperFailures.of(operation, place, error);
        if (failure == null) {
            failure = typed;
            progress.fail(typed);
            LOG.error("log '{}' failed: {}", config.logName(), typed.getMessage());
        }
        failures.incrementAndGet();
        return typed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new WalClosedException("log '" + config.logName() + "' is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        WalException failed = failure;
        if (failed != null) {
            failures.incrementAndGet();
            String message = "log '" + config.logName() + "' refuses appends after an earlier failure: "
                    + failed.getMessage();
            throw failed instanceof WalFencedException ? new WalFencedException(message, failed)
                    : new WalFailedException(message, failed);
        }
    }

    /** Waits for an append's acknowledgement; its failure is thrown typed. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = BookKeeperFailures.unwrap(e);
            if (cause instanceof WalException wal) {
                throw wal;
            }
            throw new WalFailedException("append failed: " + cause, cause);
        }
    }

    /** Waits until what {@code pending} stands for is acknowledged; may be called under the lock. */
    private static void awaitAcks(CompletableFuture<?> pending) {
        await(pending);
    }

    private void deleteQuietly(long ledgerId) {
        try {
            ledgers.delete(ledgerId);
        } catch (WalException e) {
            LOG.warn("could not delete unused ledger {} of log '{}'", ledgerId, config.logName(), e);
        }
    }

    @Override
    public String toString() {
        return "BookKeeperWal[" + config.location() + "]";
    }

}
