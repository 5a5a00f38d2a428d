package dev.jwal.core.write;

import dev.jwal.api.error.WalException;

import java.util.List;

/**
 * Records one caller hands to the writer, written together with consecutive
 * LSNs by whichever thread holds the write lock next (flat combining: one
 * write system call for everything queued). Its fields are set under the
 * writer's lock and read by the caller after it took the same lock.
 */
final class PendingWrite {
    final List<byte[]> payloads;
    long firstLsn = -1;
    WalException failure;
    boolean done;

    PendingWrite(List<byte[]> payloads) {
        this.payloads = payloads;
    }

    long bytes(RecordFraming framing) {
        long total = 0;
        for (byte[] payload : payloads) {
            total += payload.length + framing.overhead();
        }
        return total;
    }

    /** The first LSN, or the failure that kept these records from being written. */
    long result() {
        if (failure != null) {
            throw failure;
        }
        return firstLsn;
    }
}
