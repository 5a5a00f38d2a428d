package dev.jwal.core.write;

import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.api.error.WalIOException;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a sync policy makes of an append: one small subclass per policy, chosen once when the log opens
 * ({@link #of}), so nothing else asks which policy is in force. An append is always the batch path: one
 * entry is a batch of one. Thread safe.
 */
public abstract class Durability implements AutoCloseable {
    final LogWriter writer;
    final GroupCommit commit;

    Durability(LogWriter writer, GroupCommit commit) {
        this.writer = writer;
        this.commit = commit;
    }

    /** The durability {@code policy} promises, for records written by {@code writer} and forced by {@code commit}. */
    static Durability of(SyncPolicy policy, LogWriter writer, GroupCommit commit, String logName) {
        if (policy instanceof SyncPolicy.EveryWrite) {
            return new EveryWriteDurability(writer, commit);
        }
        if (policy instanceof SyncPolicy.Periodic periodic) {
            return new PeriodicDurability(writer, commit, periodic.writes());
        }
        if (policy instanceof SyncPolicy.Interval interval) {
            return new IntervalDurability(writer, commit, interval.interval(), logName);
        }
        return new ManualDurability(writer, commit);
    }

    /**
     * Writes one record per payload, with consecutive LSNs, and returns once they are as durable as the policy
     * promises.
     *
     * @return the LSN of the first record
     * @throws WalIOException     if the write or a force failed (the log is then failed)
     * @throws WalFailedException if an earlier write or force failed
     * @throws dev.jwal.api.error.WalClosedException after the log was closed
     */
    public abstract long append(List<byte[]> payloads);

    /**
     * Writes one record; the future completes with its LSN once it is as durable as the policy promises (at
     * once for the policies that do not wait for a force), or fails as {@link #append} would throw.
     */
    public abstract CompletableFuture<Long> appendAsync(byte[] payload);

    /**
     * Returns once every record up to {@code lsn} is on stable storage.
     *
     * @throws WalIOException     if the force failed (the log is then failed)
     * @throws WalFailedException if an earlier write or force failed
     */
    public final void awaitDurable(long lsn) {
        commit.awaitDurable(lsn);
    }

    /**
     * Forces everything written so far.
     *
     * @throws WalFailedException if an earlier write or force failed, even if nothing is left to force
     */
    public final void sync() {
        writer.throwIfFailed();
        commit.awaitDurable(writer.writtenLsn());
    }

    /** Stops what the policy runs in the background, if anything; idempotent. */
    @Override
    public void close() {
    }
}
