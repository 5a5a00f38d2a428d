package dev.jwal.cli;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What recovery must replay from a log whose transactions do not nest and do
 * not contain checkpoints, as {@link EntryGenerator} writes them: the data
 * entries after the checkpoint, those of a transaction only if its TxnCommit
 * is in the log. A deliberately simple second implementation to check the
 * real one against.
 */
final class RecoveryModel {
    private RecoveryModel() {
    }

    static List<LogRecord> replay(List<LogRecord> records, OptionalLong checkpoint) {
        long start = checkpoint.isPresent() ? checkpoint.getAsLong() + 1 : 0;
        List<LogRecord> replayed = new ArrayList<>();
        List<LogRecord> transaction = null;
        for (LogRecord record : records) {
            if (record.lsn() < start) {
                continue;
            }
            WalEntry entry = record.entry();
            if (entry instanceof WalEntry.TxnBegin) {
                if (transaction != null) {
                    throw new IllegalStateException("nested transaction at LSN " + record.lsn());
                }
                transaction = new ArrayList<>();
            } else if (entry instanceof WalEntry.TxnCommit) {
                replayed.addAll(transaction);
                transaction = null;
            } else if (entry instanceof WalEntry.TxnRollback) {
                transaction = null;
            } else if (entry.isMarker()) {
                continue; // a Checkpoint record whose checkpoint file the crash prevented
            } else if (transaction != null) {
                transaction.add(record);
            } else {
                replayed.add(record);
            }
        }
        return replayed;
    }

    /** The id of the transaction the log ends inside, or -1. */
    static long openTransaction(List<LogRecord> records) {
        long open = -1;
        for (LogRecord record : records) {
            WalEntry entry = record.entry();
            if (entry instanceof WalEntry.TxnBegin begin) {
                open = begin.txnId();
            } else if (entry instanceof WalEntry.TxnCommit || entry instanceof WalEntry.TxnRollback) {
                open = -1;
            }
        }
        return open;
    }
}
