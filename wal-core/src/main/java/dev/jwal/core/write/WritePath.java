package dev.jwal.core.write;

import dev.jwal.api.SyncLatency;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.WalIOException;

/**
 * The write side of one log, assembled: the {@link LogWriter} that turns batches into records, the
 * {@link GroupCommit} that forces them, and the {@link Durability} of the log's sync policy. It creates the
 * three and wires them; none of them calls back into it. Thread safe.
 */
public final class WritePath implements AutoCloseable {
    private final LogWriter writer;
    private final GroupCommit commit;
    private final Durability durability;
    private final SyncTimer timer;

    private WritePath(LogWriter writer, GroupCommit commit, Durability durability, SyncTimer timer) {
        this.writer = writer;
        this.commit = commit;
        this.durability = durability;
        this.timer = timer;
    }

    /**
     * Opens the write side described by {@code setup}, with the durability {@code policy} promises.
     *
     * @throws WalIOException if what the previous writer left cannot be forced
     */
    public static WritePath open(WriterSetup setup, SyncPolicy policy) {
        GroupCommit commit = new GroupCommit(setup.directory, setup.nextLsn - 1);
        LogWriter writer;
        try {
            writer = new LogWriter(setup, commit);
        } catch (RuntimeException e) {
            commit.signal().close();
            throw e;
        }
        commit.serve(writer);
        // What the previous writer left is forced now: durable for followers in other processes too.
        commit.signal().announce();
        String name = String.valueOf(setup.directory.getFileName());
        return new WritePath(writer, commit, Durability.of(policy, writer, commit, name), setup.timer);
    }

    public LogWriter writer() {
        return writer;
    }

    public Durability durability() {
        return durability;
    }

    /** The LSN up to which every record is forced, or -1. */
    public long durableLsn() {
        return commit.durableLsn();
    }

    /** The durable LSN for readers of this log, with the wake-up followers wait on. */
    public DurableSignal durableSignal() {
        return commit.signal();
    }

    /** Forces done since open. */
    public long forces() {
        return commit.forces();
    }

    /** How long forces took since open. */
    public SyncLatency syncLatency() {
        return timer.latency();
    }

    /**
     * Stops the policy's background work, forces what was written (unless the log failed), closes the
     * segment and stops group commit; idempotent.
     *
     * @throws WalIOException if the final force fails
     */
    @Override
    public void close() {
        try {
            durability.close();
            writer.close();
        } finally {
            // Not under the write lock: the flusher may be waiting for it.
            commit.close();
        }
    }
}
