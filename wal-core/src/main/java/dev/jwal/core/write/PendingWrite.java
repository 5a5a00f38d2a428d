package dev.jwal.core.write;

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
