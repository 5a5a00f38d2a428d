package dev.jwal.storage;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.manualCheckpoints;
import static dev.jwal.storage.TestStores.vec;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalStorageTest {
    @TempDir
    Path dir;

    @Test
    void everyMutationSurvivesAReopen() {
        var expected = new AtomicReference<Object>();
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("docs");
            storage.createNamespace("gone");
            storage.upsert("docs", vec("a", 1f, 2f), new SerializedVector("b", new float[]{3f, 4f}, "meta ✓"));
            assertThat(storage.delete("docs", "a", "missing")).isEqualTo(1);
            storage.upsert("gone", vec("x", 1f));
            storage.deleteNamespace("gone");
            storage.transaction(tx -> {
                tx.createNamespace("more");
                tx.upsert("more", vec("m", 9f));
                tx.upsert("docs", vec("c", 5f, 6f));
            });
            expected.set(contents(storage));
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(contents(storage)).isEqualTo(expected.get());
            assertThat(storage.get("docs", "b")).contains(new SerializedVector("b", new float[]{3f, 4f}, "meta ✓"));
            assertThat(storage.namespaces()).containsExactly("docs", "more");
        }
    }

    @Test
    void anInvalidOperationThrowsAndWritesNothing() {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            storage.upsert("n", vec("a", 1f, 2f));
            long next = storage.log().nextLsn();
            var before = contents(storage);

            assertThatThrownBy(() -> storage.upsert("missing", vec("a", 1f)))
                    .isInstanceOf(NamespaceNotFoundException.class);
            assertThatThrownBy(() -> storage.upsert("n", vec("b", 1f, 2f, 3f)))
                    .isInstanceOf(DimensionMismatchException.class);
            assertThatThrownBy(() -> storage.upsert("n", vec("", 1f, 2f)))
                    .isInstanceOf(InvalidVectorException.class).hasMessageContaining("must not be empty");
            assertThatThrownBy(() -> storage.upsert("n", vec("b", Float.POSITIVE_INFINITY, 2f)))
                    .isInstanceOf(InvalidVectorException.class);
            assertThatThrownBy(() -> storage.delete("n", "")).isInstanceOf(InvalidVectorException.class);
            assertThatThrownBy(() -> storage.createNamespace("n")).isInstanceOf(NamespaceExistsException.class);
            assertThatThrownBy(() -> storage.createNamespace("")).isInstanceOf(InvalidNamespaceException.class);
            assertThatThrownBy(() -> storage.deleteNamespace("missing"))
                    .isInstanceOf(NamespaceNotFoundException.class);
            assertThatThrownBy(() -> storage.transaction(tx -> {
                tx.upsert("n", vec("ok", 1f, 1f));
                tx.upsert("n", vec("bad", 1f));
            })).isInstanceOf(DimensionMismatchException.class);
            storage.upsert("n", List.of());
            storage.delete("n", List.of());
            storage.transaction(tx -> { });

            assertThat(storage.log().nextLsn()).as("nothing was written").isEqualTo(next);
            assertThat(contents(storage)).isEqualTo(before);
        }
    }

    /** The storage cannot tell whether a failed append reached the log, so it stops rather than guess. */
    @Test
    void aFailedAppendReportsTheErrorAndFailsTheStorageUntilReopened() {
        AtomicReference<FailingLog> failing = new AtomicReference<>();
        Object before;
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir), new InMemoryVectorStorage(), config -> {
            failing.set(new FailingLog(Wal.open(config), dir));
            return failing.get();
        })) {
            storage.createNamespace("n");
            storage.upsert("n", vec("a", 1f));
            before = contents(storage);
            failing.get().failAppends = true;

            assertThatThrownBy(() -> storage.upsert("n", vec("b", 1f))).isInstanceOf(WalIOException.class)
                    .hasMessageContaining("injected write failure");
            failing.get().failAppends = false;
            assertThatThrownBy(() -> storage.upsert("n", vec("b", 1f))).isInstanceOf(StorageFailedException.class)
                    .hasMessageContaining("without saying whether the log holds it")
                    .hasRootCauseMessage("injected write failure");
            assertThatThrownBy(() -> storage.count("n")).isInstanceOf(StorageFailedException.class);
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(contents(storage)).as("this log wrote nothing before failing").isEqualTo(before);
            storage.upsert("n", vec("b", 1f));
            assertThat(storage.count("n")).isEqualTo(2);
        }
    }

    @Test
    void aTransactionIsAllOrNothing() {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            storage.upsert("n", vec("a", 1f));

            assertThatThrownBy(() -> storage.transaction(tx -> {
                tx.upsert("n", vec("b", 2f));
                throw new IllegalStateException("the body gives up");
            })).hasMessage("the body gives up");
            assertThat(storage.get("n", "b")).isEmpty();

            storage.transaction(tx -> {
                tx.delete("n", "a");
                tx.upsert("n", vec("b", 2f, 2f)); // the namespace is empty by now: a new dimension is fine
                tx.createNamespace("m");
                tx.upsert("m", vec("c", 3f));
                tx.deleteNamespace("m");
                tx.createNamespace("m");
            });
            assertThat(storage.scan("n")).containsExactly(vec("b", 2f, 2f));
            assertThat(storage.count("m")).isZero();
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(storage.scan("n")).containsExactly(vec("b", 2f, 2f));
            assertThat(storage.count("m")).isZero();
        }
    }

    @Test
    void aTransactionIsCheckedAgainAtCommit() {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            assertThatThrownBy(() -> storage.transaction(tx -> {
                tx.upsert("n", vec("a", 1f));
                storage.deleteNamespace("n"); // another writer gets in first
            })).isInstanceOf(NamespaceNotFoundException.class);
            assertThat(storage.namespaces()).isEmpty();
        }
    }

    @Test
    void aTransactionACrashLeftOpenIsRolledBackAndLaterWritesSurvive() {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
        }
        // What a crash in the middle of appendTransaction can leave: a begin and entries, no commit.
        try (WriteAheadLog log = Wal.open(wal(dir).build())) {
            log.append(new WalEntry.TxnBegin(99));
            log.append(new WalEntry.Upsert("n", List.of(vec("uncommitted", 1f))));
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(storage.count("n")).isZero();
            storage.upsert("n", vec("later", 1f));
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(storage.scan("n")).containsExactly(vec("later", 1f));
            assertThat(entries(storage.log())).contains(new WalEntry.TxnRollback(99));
        }
    }

    @Test
    void nestedTransactionsOfOtherWritersFollowTheFormatRules() {
        try (WriteAheadLog log = Wal.open(wal(dir).build())) {
            log.append(new WalEntry.CreateNamespace("n"));
            log.append(new WalEntry.TxnBegin(1));
            log.append(upsert("a"));
            log.append(new WalEntry.TxnBegin(2));
            log.append(upsert("b"));
            log.append(new WalEntry.TxnRollback(2));
            log.append(upsert("c"));
            log.append(new WalEntry.TxnBegin(4));
            log.append(upsert("left-open-inside-1"));
            log.append(new WalEntry.TxnCommit(1)); // closes 4 as well, uncommitted
            log.append(new WalEntry.TxnCommit(77)); // names nothing open: ignored
            log.append(upsert("d"));
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(storage.scan("n")).extracting(SerializedVector::id).containsExactly("a", "c", "d");
        }
    }

    @Test
    void aLoggedRecordTheStoreRefusesFailsTheOpenNamingItsLsn() {
        try (WriteAheadLog log = Wal.open(wal(dir).build())) {
            log.append(new WalEntry.CreateNamespace("n"));
            log.append(new WalEntry.Upsert("elsewhere", List.of(vec("a", 1f))));
        }
        assertThatThrownBy(() -> WalStorage.open(manualCheckpoints(dir)))
                .isInstanceOf(StorageRecoveryException.class)
                .hasMessageContaining("LSN 1")
                .hasMessageContaining("'elsewhere' does not exist");
        // The failed open released the log.
        try (WriteAheadLog log = Wal.open(wal(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(2);
        }
    }

    @Test
    void theInnerStoreMustStartEmpty() {
        InMemoryVectorStorage inner = new InMemoryVectorStorage();
        inner.createNamespace("stale");
        assertThatThrownBy(() -> WalStorage.open(manualCheckpoints(dir), inner))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be empty");
    }

    @Test
    void anInnerStoreFailureFailsTheStorageUntilReopened() {
        InMemoryVectorStorage real = new InMemoryVectorStorage();
        VectorStorage breaking = new DelegatingStorage(real) {
            @Override
            public void upsert(String namespace, List<SerializedVector> vectors) {
                throw new IllegalStateException("disk of the inner store is full");
            }
        };
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir), breaking)) {
            storage.createNamespace("n");
            assertThatThrownBy(() -> storage.upsert("n", vec("a", 1f))).isInstanceOf(StorageFailedException.class)
                    .hasRootCauseMessage("disk of the inner store is full");
            assertThatThrownBy(() -> storage.count("n")).isInstanceOf(StorageFailedException.class);
            assertThatThrownBy(() -> storage.createNamespace("m")).isInstanceOf(StorageFailedException.class);
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(storage.scan("n")).as("the logged upsert is replayed").containsExactly(vec("a", 1f));
        }
    }

    @Test
    void aClosedStorageRefusesEveryCall() {
        WalStorage storage = WalStorage.open(manualCheckpoints(dir));
        storage.close();
        storage.close();
        assertThatThrownBy(() -> storage.createNamespace("n")).isInstanceOf(StorageClosedException.class);
        assertThatThrownBy(storage::namespaces).isInstanceOf(StorageClosedException.class);
        assertThatThrownBy(storage::checkpoint).isInstanceOf(StorageClosedException.class);
    }

    @Test
    void aSecondOpenerIsRefused() {
        WalStorage first = WalStorage.open(manualCheckpoints(dir));
        try {
            assertThatThrownBy(() -> WalStorage.open(manualCheckpoints(dir))).isInstanceOf(WalLockedException.class);
        } finally {
            first.close();
        }
    }

    private static WalEntry upsert(String id) {
        return new WalEntry.Upsert("n", List.of(vec(id, 1f)));
    }

    private static List<WalEntry> entries(WriteAheadLog log) {
        List<WalEntry> entries = new ArrayList<>();
        try (RecordCursor cursor = log.read(0)) {
            cursor.forEachRemaining((LogRecord record) -> entries.add(record.entry()));
        }
        return entries;
    }
}
