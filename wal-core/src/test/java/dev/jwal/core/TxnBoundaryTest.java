package dev.jwal.core;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.TxnBoundaryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transaction boundary file lets opening look for transactions a dead writer left open from a
 * recent LSN instead of the last checkpoint; a boundary the log no longer reaches, or a damaged
 * one, is ignored.
 */
class TxnBoundaryTest {
    @TempDir
    Path dir;

    /** A writer that died inside transaction 5: its TxnBegin is at LSN 1. */
    private void leaveTransactionOpen() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("before", 1f));
            log.append(new WalEntry.TxnBegin(5));
            log.append(upsert("inside", 2f));
        }
    }

    private boolean rolledBackOnOpen() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            return entries(log.read(0)).contains(new WalEntry.TxnRollback(5));
        }
    }

    @Test
    void closingStoresTheNextLsnAsTheBoundary() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            log.appendTransaction(9, java.util.List.of(upsert("c", 3f)));
        }
        assertThat(TxnBoundaryFile.read(dir)).hasValue(5);
    }

    @Test
    void startingASegmentStoresItsFirstLsnAsTheBoundary() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            log.append(upsert("c", 3f));
            assertThat(TxnBoundaryFile.read(dir)).hasValue(2);
        }
    }

    @Test
    void aMarkerAppendedOnItsOwnStopsStoringBoundaries() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            log.append(new WalEntry.TxnBegin(1));
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
        assertThat(TxnBoundaryFile.read(dir)).hasValue(0);
    }

    @Test
    void aTransactionLeftOpenIsFoundFromTheBoundaryAndRolledBack() {
        leaveTransactionOpen();
        assertThat(rolledBackOnOpen()).isTrue();
        assertThat(TxnBoundaryFile.read(dir)).hasValue(4);
    }

    @Test
    void openingLooksForOpenTransactionsOnlyFromTheBoundary() throws IOException {
        leaveTransactionOpen();
        // A boundary after the TxnBegin (false here, on purpose) hides it: opening reads from there only.
        TxnBoundaryFile.write(LogFileSystem.standard(), dir, 2);
        assertThat(rolledBackOnOpen()).isFalse();
    }

    @Test
    void aBoundaryBeyondTheEndOfTheLogIsIgnored() throws IOException {
        leaveTransactionOpen();
        TxnBoundaryFile.write(LogFileSystem.standard(), dir, 100);
        assertThat(rolledBackOnOpen()).isTrue();
        assertThat(TxnBoundaryFile.read(dir)).hasValue(4);
    }

    @Test
    void aDamagedBoundaryIsIgnored() throws IOException {
        leaveTransactionOpen();
        Files.writeString(dir.resolve(TxnBoundaryFile.FILE_NAME), "jwal-txn-boundary 1 lsn=2 crc32c=00000000\n");
        assertThat(rolledBackOnOpen()).isTrue();
    }
}
