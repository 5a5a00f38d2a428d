package dev.jwal.core.write;

import dev.jwal.core.segment.RecordFraming;
import dev.jwal.api.error.WalException;

import java.util.List;

/**
 * Records one caller hands to the writer, written together with consecutive
 * LSNs by whichever thread holds the write lock next (flat combining: one
 * write system call for everything queued). Its fields are set under the
 * writer's lock, {@link #done} last: a caller that reads {@code done} as true
 * sees the others.
 */
final class PendingWrite {
    final List<byte[]> payloads;
    long firstLsn = -1;
    WalException failure;
    volatile boolean done;

    PendingWrite(List<byte[]> payloads) {
        this.payloads = payloads;
    }

    long bytes(RecordFraming framing) {
        long total = 0;
        for (int i = 0; i < payloads.size(); i++) {
            total += payloads.get(i).length + framing.overhead();
        }
        return total;
    }

    /** These records were written from {@code lsn} on; returns the LSN after them. Under the writer's lock. */
    long written(long lsn) {
        firstLsn = lsn;
        done = true;
        return lsn + payloads.size();
    }

    /** These records were not written, for {@code reason}. Under the writer's lock. */
    void fail(WalException reason) {
        failure = reason;
        done = true;
    }

    /**
     * The writes of {@code batch} whose LSNs, from {@code nextLsn} on, stay below {@code Long.MAX_VALUE} (the
     * LSN after the last must exist too); the others are refused before anything is written, and the log stays
     * usable. Under the writer's lock.
     */
    static List<PendingWrite> refuseLsnOverflow(List<PendingWrite> batch, long nextLsn) {
        long left = Long.MAX_VALUE - nextLsn;
        long wanted = 0;
        for (PendingWrite pending : batch) {
            wanted += pending.payloads.size();
        }
        if (wanted <= left) {
            return batch;
        }
        List<PendingWrite> fitting = new java.util.ArrayList<>(batch.size());
        for (PendingWrite pending : batch) {
            if (pending.payloads.size() <= left) {
                fitting.add(pending);
                left -= pending.payloads.size();
            } else {
                pending.fail(new WalException("no LSN is left for " + pending.payloads.size() + " record(s): the "
                        + "log's next LSN is " + nextLsn + " and LSNs end at " + Long.MAX_VALUE));
            }
        }
        return fitting;
    }

    /** The LSN of the last record; only once written. */
    long lastLsn() {
        return firstLsn + payloads.size() - 1;
    }

    /** The first LSN, or the failure that kept these records from being written. */
    long result() {
        if (failure != null) {
            throw failure;
        }
        return firstLsn;
    }
}
