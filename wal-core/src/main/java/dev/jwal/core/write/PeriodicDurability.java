package dev.jwal.core.write;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code periodic(n)}: at most {@code n - 1} acknowledged records are ever unforced, however many threads
 * append: the append that reaches {@code n} forces everything written (itself, when no force runs).
 * Forcing earlier in the background, to overlap appends with the fsync, measured no faster.
 */
final class PeriodicDurability extends Durability {
    private final long writes;

    PeriodicDurability(LogWriter writer, GroupCommit commit, long writes) {
        super(writer, commit);
        this.writes = writes;
    }

    @Override
    public long append(List<byte[]> payloads) {
        long first = writer.write(payloads);
        long last = first + payloads.size() - 1;
        if (last - commit.durableLsn() >= writes) {
            commit.awaitDurable(last);
        }
        return first;
    }

    @Override
    public CompletableFuture<Long> appendAsync(byte[] payload) {
        return CompletableFuture.completedFuture(append(List.of(payload)));
    }
}
