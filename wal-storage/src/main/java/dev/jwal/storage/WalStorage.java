package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.Wal;
import dev.jwal.core.io.LogFileSystem;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link VectorStorage} whose every mutation survives a crash: it wraps another store (by default an
 * {@link InMemoryVectorStorage}) and writes each mutation to a write-ahead log before applying it.
 *
 * <pre>{@code
 * try (WalStorage storage = WalStorage.open(StorageConfig.builder(Path.of("data")).build())) {
 *     storage.createNamespace("docs");
 *     storage.upsert("docs", SerializedVector.of("a", 0.1f, 0.2f));
 *     storage.transaction(tx -> {
 *         tx.delete("docs", "a");
 *         tx.upsert("docs", SerializedVector.of("b", 0.3f, 0.4f));
 *     });
 * }
 * }</pre>
 *
 * <p><b>A mutation</b> is queued, and the writers commit the queue in groups: one of them at a time, holding
 * the mutation lock, checks every mutation queued, in order, against the store as the mutations before it
 * leave it (an invalid one throws and writes nothing), logs the others with one append per run of mutations
 * and applies them, so records reach the log in the order they were checked in, and under the every-write
 * policy one force makes a whole group durable. A mutation is applied to the inner store once its
 * record is durable as the sync policy says (a failed append throws and applies nothing), after every mutation
 * logged before it. Mutations therefore apply in LSN order, which is what makes snapshots and replay exact.
 * An entry the log refuses fails alone; the mutations checked against a state that held it are checked again.
 * A call returns once its mutation is applied. Reads do not take the mutation lock;
 * they never see a transaction half applied and see mutations in LSN order.
 *
 * <p><b>What a crash can lose</b> is the log's sync policy: a process crash (kill -9) loses nothing
 * acknowledged under any policy; a power loss loses nothing acknowledged under every-write, and under
 * the others what the policy allows (see {@link dev.jwal.api.config.SyncPolicy}). A mutation in flight when
 * the crash came is either wholly there afterwards or not at all.
 *
 * <p><b>Snapshots and checkpoints.</b> The invariant: <em>a snapshot file named N holds exactly the state
 * after applying every log record with an LSN below N, and the log still holds every record from the N
 * of the oldest snapshot kept.</em> {@link #checkpoint()} copies the inner store while holding the mutation lock
 * (a copy of references; the only time writers wait), notes N = the log's next LSN at that moment, forces
 * the log (so the records below N are durable before a snapshot claims them), writes the snapshot
 * (temporary file, force, rename, directory force; format in {@code SnapshotFormat}), appends the
 * Checkpoint record (at an LSN C &ge; N: mutations went on meanwhile), keeps the newest
 * {@link StorageConfig#retainedSnapshots()} snapshots and truncates the log below the oldest one kept
 * (until that many snapshots exist, the whole log is kept as the fallback). A crash between any two of
 * these steps opens to the same state. Reaching the log's checkpoint threshold runs the same steps on a
 * background thread.
 *
 * <p><b>Opening</b> loads the newest valid snapshot N and replays the log from LSN N, not from the
 * checkpoint record (whose LSN C may be larger: the records between N and C are not in the snapshot).
 * A damaged snapshot is set aside as {@code *.broken} and the previous one is used with the longer log
 * tail; without any usable snapshot the whole log is replayed if it still starts at LSN 0, otherwise
 * opening fails with {@link StorageRecoveryException}. Each snapshot names the log it was taken of (a
 * random identity kept in the log directory, file {@code storage-log.id}); one naming another log stops the
 * open ({@link ForeignSnapshotException}), and the snapshot directory is locked for the storage's lifetime
 * ({@link SnapshotDirectoryLockedException} for a second storage). Snapshots written before identities
 * existed name no log and load as before. The replay is the log's recovery from LSN N
 * ({@link WriteAheadLog#recoverAfter recoverAfter(N - 1)}): an entry counts only if every transaction
 * around it commits, and a transaction a crash left open was already rolled back by the log when it
 * opened.
 *
 * <p><b>Transactions</b> ({@link #transaction}) are logged as one contiguous TxnBegin..TxnCommit run and
 * applied together: all or nothing before and after a crash.
 *
 * <p><b>Files.</b> Every change to the log's directory and to the snapshot directory (creating, writing,
 * forcing, renaming and deleting files, forcing the directories) goes through one {@link LogFileSystem}:
 * the real file system by default, or the one given to {@link #open(StorageConfig, LogFileSystem)}, such as
 * wal-testkit's simulated disk, which fails chosen operations and cuts the power. Reads go straight to
 * the files.
 *
 * <p><b>Threads.</b> Thread safe. A checkpoint listener named in the configuration is called after the
 * mutation that crossed the threshold, with no storage lock held: it may hand work to another thread
 * (storage mutations included) and wait for it.
 *
 * <p><b>Failure.</b> The store never differs from what reopening its directory gives. When an append
 * fails without saying whether the log holds the record (a {@link WalIOException}, for instance an
 * interrupted wait for another thread's force; a {@link WalFailedException}; a closed log; any other
 * exception or error), or when the inner store fails to apply a logged mutation (whatever it throws,
 * errors included), the call throws that failure and the storage fails: every further call, reads and
 * checkpoints included, throws {@link StorageFailedException} until it is closed and reopened, which
 * rebuilds the store from the snapshots and the log (holding the mutation or not, as the log does). An
 * entry the log refuses before writing ({@link EntryRejectedException}) leaves the storage usable.
 */
public final class WalStorage implements VectorStorage, AutoCloseable {

    private final StorageConfig config;
    private final WriteAheadLog log;
    private final VectorStorage inner;
    private final SnapshotFiles snapshots;
    private final Checkpointer checkpointer;
    private final CheckpointTrigger trigger;
    /** The locks, the failure state and every access to {@code inner}. */
    private final StoreAccess access;

    /** Made by {@link StorageOpening} once the store is restored. */
    WalStorage(StorageConfig config, WriteAheadLog log, VectorStorage inner, SnapshotFiles snapshots,
               CheckpointTrigger trigger) {
        this.config = config;
        this.log = log;
        this.inner = inner;
        this.snapshots = snapshots;
        this.trigger = trigger;
        this.access = new StoreAccess(log, inner, config.wal().directory().toString());
        this.checkpointer = new Checkpointer(log, snapshots, config.retainedSnapshots(), access::capture,
                access::ensureUsable);
        trigger.attach(config.autoCheckpoint() ? checkpointer::requestInBackground : null, access::mutating);
    }

    /**
     * Opens (or creates) a storage on an {@link InMemoryVectorStorage}, restoring its contents from the
     * snapshots and the log, on the real file system.
     *
     * @throws WalLockedException        if another process or storage has the log open
     * @throws SnapshotDirectoryLockedException if another storage, in this process or another, uses the snapshot
     *                                   directory
     * @throws ForeignSnapshotException  if the snapshot directory holds a snapshot of another log
     * @throws CodecNotFoundException    if the configured codec is not available
     * @throws CorruptLogException       if the log is damaged beyond what its recovery mode allows
     * @throws StorageRecoveryException  if no snapshot and log tail can rebuild the store, or a logged record
     *                                   cannot be applied
     * @throws WalIOException            if a file cannot be read or written
     */
    public static WalStorage open(StorageConfig config) {
        return open(config, new InMemoryVectorStorage(), LogFileSystem.standard());
    }

    /**
     * Opens (or creates) a storage on an {@link InMemoryVectorStorage} whose log and snapshots write through
     * {@code fs}: a test passes wal-testkit's {@code SimulatedFileSystem} to fail chosen writes or cut the
     * power under the storage, then reopens the directory to check what survived.
     *
     * @throws StorageRecoveryException as {@link #open(StorageConfig)}, and the other exceptions listed there
     */
    public static WalStorage open(StorageConfig config, LogFileSystem fs) {
        return open(config, new InMemoryVectorStorage(), fs);
    }

    /**
     * Opens (or creates) a storage that keeps its contents in {@code inner}, which must be empty and must
     * not be used directly afterwards: it is rebuilt from the snapshots and the log. Real file system.
     *
     * @throws IllegalArgumentException if {@code inner} is not empty
     * @throws StorageRecoveryException as {@link #open(StorageConfig)}, and the other exceptions listed there
     */
    public static WalStorage open(StorageConfig config, VectorStorage inner) {
        return open(config, inner, LogFileSystem.standard());
    }

    /**
     * Opens (or creates) a storage that keeps its contents in {@code inner} (empty, as
     * {@link #open(StorageConfig, VectorStorage)} says), its log and snapshots writing through {@code fs}.
     *
     * @throws IllegalArgumentException if {@code inner} is not empty
     * @throws StorageRecoveryException as {@link #open(StorageConfig)}, and the other exceptions listed there
     */
    public static WalStorage open(StorageConfig config, VectorStorage inner, LogFileSystem fs) {
        Objects.requireNonNull(fs, "fs");
        return StorageOpening.open(config, inner, fs, walConfig -> Wal.open(walConfig, fs));
    }

    /** Opens with {@code opener} making the log: a seam for tests that inject failing logs. */
    static WalStorage open(StorageConfig config, VectorStorage inner, Function<WalConfig, WriteAheadLog> opener) {
        return StorageOpening.open(config, inner, LogFileSystem.standard(), opener);
    }

    // ---- mutations ----

    /**
     * Creates a namespace, durably.
     *
     * @throws InvalidNamespaceException if the name is empty or not valid text; nothing is written
     * @throws NamespaceExistsException  if it exists; nothing is written
     * @throws WalIOException            if the append failed; nothing is applied, and the storage fails (the
     *                                   log may hold the mutation: see the class description)
     * @throws WalFailedException        if the log failed earlier; the storage fails
     * @throws StorageFailedException    if the storage failed earlier, or the inner store failed to apply it
     * @throws StorageClosedException    after {@link #close()}
     */
    @Override
    public void createNamespace(String namespace) {
        commit(List.of(new WalEntry.CreateNamespace(namespace)), false);
    }

    /**
     * Deletes a namespace and its vectors, durably.
     *
     * @throws NamespaceNotFoundException if it does not exist; nothing is written
     * @throws WalIOException             as {@link #createNamespace}
     */
    @Override
    public void deleteNamespace(String namespace) {
        commit(List.of(new WalEntry.DeleteNamespace(namespace)), false);
    }

    /**
     * Inserts or replaces vectors, durably and all together. An empty list writes nothing.
     *
     * @throws NamespaceNotFoundException if the namespace does not exist; nothing is written
     * @throws InvalidVectorException     if a vector is invalid ({@link VectorStorage#upsert}); nothing is written
     * @throws DimensionMismatchException if a dimension differs; nothing is written
     * @throws EntryRejectedException     if the log's codec cannot represent it or it is over the record size
     *                                    limit; nothing is written
     * @throws WalIOException             as {@link #createNamespace}
     */
    @Override
    public void upsert(String namespace, List<SerializedVector> vectors) {
        commit(List.of(new WalEntry.Upsert(namespace, vectors)), false);
    }

    /**
     * Deletes vectors by id, durably. An empty list writes nothing.
     *
     * @return how many vectors were deleted
     * @throws NamespaceNotFoundException if the namespace does not exist; nothing is written
     * @throws InvalidVectorException     if an id is empty; nothing is written
     * @throws WalIOException             as {@link #createNamespace}
     */
    @Override
    public int delete(String namespace, List<String> ids) {
        return commit(List.of(new WalEntry.Delete(namespace, ids)), false);
    }

    /**
     * Runs {@code body} to collect mutations, then commits them all or none: they are checked, logged as one
     * transaction (durable together) and applied together, so readers never see part of them, and after a
     * crash either all are there or none. Each call on the {@link Transaction} is checked at once against
     * the state the earlier calls leave; the checks are repeated at commit against the store as it then is.
     * If {@code body} throws, nothing is written and the exception propagates. Storage calls made inside
     * {@code body} directly (not through the transaction) are not part of it.
     *
     * @throws StorageException       the subclass {@link VectorStorage} documents for the first invalid operation;
     *                                nothing is written
     * @throws EntryRejectedException if the log refuses an entry; nothing is written
     * @throws WalIOException         as {@link #createNamespace}
     */
    public void transaction(Consumer<Transaction> body) {
        Objects.requireNonNull(body, "body");
        ensureUsable();
        RecordingTransaction transaction = new RecordingTransaction(inner);
        try {
            body.accept(transaction);
        } finally {
            transaction.finish();
        }
        commit(transaction.finish(), true);
    }

    /**
     * Checks, logs and applies {@code entries} (see {@link StoreAccess#commit}), then, outside the mutation lock,
     * acts on a checkpoint the log said is due.
     *
     * @return what applying returned (vectors deleted)
     */
    private int commit(List<WalEntry> entries, boolean asTransaction) {
        try {
            return access.commit(entries, asTransaction);
        } finally {
            trigger.runDue();
        }
    }

    /**
     * Takes a checkpoint now (see the class description), waiting for one in progress first. Writers wait
     * only while the store is copied.
     *
     * @return what was written and truncated
     * @throws WalIOException         if the snapshot cannot be written or the log forced or truncated; the
     *                                previous snapshots and the log are untouched
     * @throws StorageClosedException after {@link #close()}
     */
    public CheckpointResult checkpoint() {
        ensureUsable();
        return checkpointer.checkpoint();
    }

    // ---- reads ----

    /** @throws NamespaceNotFoundException if the namespace does not exist */
    @Override
    public Optional<SerializedVector> get(String namespace, String id) {
        return read(() -> inner.get(namespace, id));
    }

    /** @throws NamespaceNotFoundException if the namespace does not exist */
    @Override
    public List<SerializedVector> scan(String namespace) {
        return read(() -> inner.scan(namespace));
    }

    /** @throws NamespaceNotFoundException if the namespace does not exist */
    @Override
    public long count(String namespace) {
        return read(() -> inner.count(namespace));
    }

    /** @throws NamespaceNotFoundException if the namespace does not exist */
    @Override
    public OptionalInt dimension(String namespace) {
        return read(() -> inner.dimension(namespace));
    }

    @Override
    public Set<String> namespaces() {
        return read(inner::namespaces);
    }

    @Override
    public boolean containsNamespace(String namespace) {
        return read(() -> inner.containsNamespace(namespace));
    }

    /** The log's counters. */
    public WalStats logStats() {
        ensureUsable();
        return log.stats();
    }

    /** The configuration this storage was opened with. */
    public StorageConfig config() {
        return config;
    }

    /** The log; for tests in this package. */
    WriteAheadLog log() {
        return log;
    }

    private <T> T read(Supplier<T> action) {
        return access.read(action);
    }

    private void ensureUsable() {
        access.ensureUsable();
    }

    /**
     * Waits for a mutation or checkpoint in progress, then closes the log (forcing it) and releases its
     * directory and the snapshot directory. Takes no final checkpoint: the next open replays the log after
     * the last snapshot. Idempotent.
     */
    @Override
    public void close() {
        if (!access.close()) {
            return;
        }
        try {
            checkpointer.close();
        } finally {
            try {
                log.close();
            } finally {
                snapshots.close();
            }
        }
    }

    @Override
    public String toString() {
        return "WalStorage[" + config.wal().directory() + (access.isClosed() ? ", closed" : "") + "]";
    }
}
