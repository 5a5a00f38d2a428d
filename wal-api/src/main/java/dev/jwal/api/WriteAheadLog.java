package dev.jwal.api;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A write-ahead log: append mutations before applying them, replay them after a crash.
 *
 * <p><b>LSNs.</b> Every record gets a log sequence number: they start at 0, are
 * contiguous, follow file order, and survive restarts, torn tails and truncation.
 *
 * <p><b>Durability.</b> Whatever the sync policy, {@code append} hands the record
 * to the operating system before it returns, so a process crash loses nothing
 * acknowledged. Under {@link dev.jwal.api.config.SyncPolicy.EveryWrite} the record
 * is also on stable storage; the other policies say what a power loss can lose.
 *
 * <p><b>Failure.</b> If a write or force fails, the log no longer knows what reached
 * the disk: that call throws {@link WalIOException} and every later append throws
 * {@link WalFailedException} until the log is reopened.
 *
 * <p><b>Threads.</b> Implementations are thread safe; concurrent appenders get
 * LSNs in the order their records are written.
 */
public interface WriteAheadLog extends AutoCloseable {

    /**
     * Appends one entry; returns once it is durable under the sync policy.
     *
     * @param entry the entry to write; a data entry or a transaction marker
     * @return the entry's LSN
     * @throws EntryRejectedException if the codec cannot represent it, it exceeds the record size limit,
     *                                or it is a {@link WalEntry.Checkpoint} (use {@link #checkpoint()});
     *                                nothing is written
     * @throws WalIOException         if the write or force failed
     * @throws WalFailedException     if an earlier write or force failed
     * @throws WalClosedException     after {@link #close()}
     */
    long append(WalEntry entry);

    /**
     * Appends one entry without waiting for durability: the record is handed to the
     * operating system before this returns (so a process crash cannot lose it), and the
     * future completes with its LSN once it is durable under the sync policy. Under
     * every-write a background thread forces while callers keep submitting, so records
     * submitted during a force share the next one.
     *
     * @param entry the entry to write, as {@link #append}
     * @return completes with the LSN; completes exceptionally with {@link WalIOException} if the force
     *         failed, or {@link WalClosedException} if the log was closed before the record was forced
     * @throws EntryRejectedException as {@link #append}; nothing is written
     * @throws WalIOException         if the write failed
     * @throws WalFailedException     if an earlier write or force failed
     * @throws WalClosedException     after {@link #close()}
     */
    CompletableFuture<Long> appendAsync(WalEntry entry);

    /**
     * Appends entries as one contiguous run of records with one write, durable together
     * under the sync policy. Unlike a transaction, recovery replays each record on its own:
     * a crash during the write may keep a prefix of the batch.
     *
     * @param entries the entries, in the order their LSNs are given
     * @return the LSNs of the batch
     * @throws EntryRejectedException as {@link #append}, for any entry; nothing is written
     * @throws IllegalArgumentException if {@code entries} is empty
     * @throws WalIOException         as {@link #append}
     * @throws WalFailedException     as {@link #append}
     * @throws WalClosedException     after {@link #close()}
     */
    LsnRange appendBatch(List<? extends WalEntry> entries);

    /**
     * Appends {@code TxnBegin(txnId)}, the entries and {@code TxnCommit(txnId)} as one
     * contiguous run of records, durable together: recovery replays all of the
     * entries or, if the commit did not reach the disk, none of them.
     *
     * @param txnId   the transaction id both markers carry
     * @param entries the data entries of the transaction, in order; may be empty
     * @return the LSNs from the TxnBegin to the TxnCommit
     * @throws EntryRejectedException if any entry is rejected or is a marker; nothing is written
     * @throws WalIOException         as {@link #append}
     * @throws WalFailedException     as {@link #append}
     * @throws WalClosedException     after {@link #close()}
     */
    LsnRange appendTransaction(long txnId, List<? extends WalEntry> entries);

    /**
     * Forces everything appended so far to stable storage.
     *
     * @throws WalIOException     if the force failed (the log is then failed)
     * @throws WalFailedException if an earlier write or force failed
     * @throws WalClosedException after {@link #close()}
     */
    void sync();

    /**
     * Appends a {@link WalEntry.Checkpoint} record, forces the log and persists its
     * LSN, so that recovery from now on replays only what follows it. Call it once
     * everything appended before has been applied and persisted elsewhere.
     *
     * @return the checkpoint's LSN
     * @throws WalIOException     if the write, the force or persisting the LSN failed
     * @throws WalFailedException if an earlier write or force failed
     * @throws WalClosedException after {@link #close()}
     */
    long checkpoint();

    /**
     * The LSN of the last persisted checkpoint.
     *
     * @return that LSN, or empty if no checkpoint was ever taken
     */
    OptionalLong lastCheckpointLsn();

    /**
     * What recovery must replay: the data entries after the last checkpoint that are
     * not inside a rolled back or unfinished transaction, in LSN order, markers left
     * out. Streams: memory does not grow with the log's size.
     *
     * @return a cursor over those records, to be closed by the caller
     * @throws WalClosedException  after {@link #close()}
     * @throws CorruptLogException while iterating, on damage the recovery mode does not allow
     */
    RecordCursor recover();

    /**
     * What recovery would replay if the last checkpoint were at {@code checkpointLsn}: the
     * committed data entries after it, with the same transaction rules as {@link #recover()}.
     * For stores that keep their own snapshots and know which LSN each one covers.
     *
     * @param checkpointLsn replay starts after this LSN; -1 replays from the start of the log
     * @return a cursor over the records to replay, to be closed by the caller
     * @throws IllegalArgumentException if {@code checkpointLsn} is below -1, or not below {@link #nextLsn()}
     *                                  (a checkpoint past the end of the log)
     * @throws CorruptLogException      while iterating, as {@link #recover()}; also if records after
     *                                  {@code checkpointLsn} were truncated away
     */
    RecordCursor recoverAfter(long checkpointLsn);

    /**
     * Every record from {@code fromLsn} on (markers included), in LSN order. Records truncation deleted are
     * never passed over silently: a start below the log's first record ({@link WalStats#firstLsn()}), or
     * segments deleted while the cursor reads, make the cursor throw
     * {@link dev.jwal.api.error.RecordsTruncatedException} naming the missing LSNs.
     *
     * @param fromLsn the LSN of the first record wanted
     * @return a cursor over the records, to be closed by the caller
     * @throws IllegalArgumentException if {@code fromLsn} is negative
     * @throws WalClosedException       after {@link #close()}
     */
    RecordCursor read(long fromLsn);

    /**
     * Follows the log from {@code fromLsn}: a cursor over every record from that LSN on (markers included), in
     * LSN order, that waits for records appended later instead of ending, and returns each only once it is
     * durable ({@link #durableLsn()}). It crosses segment rotation. Positions as {@link #read(long)} does.
     *
     * <p>Records truncation deletes before the cursor reads them (a start below the log's first record, or
     * segments deleted while it follows) make it throw {@link dev.jwal.api.error.RecordsTruncatedException}
     * naming the missing LSNs. When this log is closed, its followers return the records durable by then and
     * end; if a write or force fails, they return the durable records, then throw
     * {@link WalFailedException}.
     *
     * @param fromLsn the LSN of the first record wanted; may lie past {@link #nextLsn()} (the cursor waits
     *                until that record is durable)
     * @return a cursor following the log, to be closed by the caller (closing the log also ends it)
     * @throws IllegalArgumentException if {@code fromLsn} is negative
     * @throws WalClosedException       after {@link #close()}
     */
    FollowCursor follow(long fromLsn);

    /**
     * The highest LSN up to which every record is durable: as safe from a power loss as the log's storage
     * makes anything (for a log on files, forced to stable storage with {@code fsync}). What
     * {@link #follow(long)} cursors return is bounded by it. Under
     * {@link dev.jwal.api.config.SyncPolicy.EveryWrite} it is at least the LSN of every append that returned
     * (they return once forced). Under the other policies it is what the policy's forces have covered so far:
     * the force in every n-th append ({@code periodic}), the timer's ({@code interval}), {@link #sync()},
     * {@link #checkpoint()} and {@link #close()} (all policies), and the forces the log makes on its own: a
     * full segment before the next one starts, and a large unforced tail written back ahead of time. It never
     * goes down while the log is open; it is {@link WalStats#durableLsn()} too.
     *
     * @return that LSN, or -1 while no record is durable
     */
    long durableLsn();

    /**
     * Deletes whole segments whose records all have LSNs below {@code upToLsn},
     * judged from file names alone, never the active segment.
     *
     * @param upToLsn records below this LSN are no longer needed; at most the last checkpoint's LSN + 1
     * @return the number of segment files deleted
     * @throws IllegalArgumentException if {@code upToLsn} is past the last checkpoint, since recovery
     *                                  would then miss entries it must replay
     * @throws WalIOException           if a segment could not be deleted
     * @throws WalClosedException       after {@link #close()}
     */
    int truncate(long upToLsn);

    /**
     * The LSN the next append will get.
     *
     * @return one more than the last record's LSN, or the first LSN of an empty log
     */
    long nextLsn();

    /**
     * A snapshot of the counters.
     *
     * @return the counters as of this call
     */
    WalStats stats();

    /**
     * Forces what was appended, releases the files and the directory lock; idempotent.
     *
     * @throws WalIOException if the final force failed; the directory lock is released all the same
     */
    @Override
    void close();
}
