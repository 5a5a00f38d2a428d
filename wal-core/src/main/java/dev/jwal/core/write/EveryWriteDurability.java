package dev.jwal.core.write;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code every-write}: an append returns once its records are forced. Its records are queued for whoever
 * forces next, who writes everything queued in one write and forces once (group commit).
 */
final class EveryWriteDurability extends Durability {

    EveryWriteDurability(LogWriter writer, GroupCommit commit) {
        super(writer, commit);
    }

    @Override
    public long append(List<byte[]> payloads) {
        PendingWrite mine = writer.queueForForce(payloads);
        commit.awaitWrittenAndDurable(mine);
        return mine.result();
    }

    @Override
    public CompletableFuture<Long> appendAsync(byte[] payload) {
        return commit.whenDurable(writer.write(List.of(payload)));
    }
}
