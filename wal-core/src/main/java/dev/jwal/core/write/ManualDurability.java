package dev.jwal.core.write;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code manual}: an append returns once its records are handed to the operating system; only
 * {@link #sync()}, a checkpoint, write-back of a large unforced tail, rotation and close force them.
 * {@link IntervalDurability} adds a thread that forces on a timer.
 */
class ManualDurability extends Durability {

    ManualDurability(LogWriter writer, GroupCommit commit) {
        super(writer, commit);
    }

    @Override
    public long append(List<byte[]> payloads) {
        return writer.write(payloads);
    }

    @Override
    public CompletableFuture<Long> appendAsync(byte[] payload) {
        return CompletableFuture.completedFuture(writer.write(List.of(payload)));
    }
}
