package dev.jwal.storage;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LsnRange;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalIOException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A log that forwards to a real one, except that appends fail (writing nothing) while {@link #failAppends} is
 * set, and that an append runs {@link #afterWriting} (which may throw) once the real log holds its record: what
 * an append that fails after writing looks like to its caller (an interrupted wait for another's force).
 */
final class FailingLog implements WriteAheadLog {
    private final WriteAheadLog real;
    private final Path directory;
    volatile boolean failAppends;
    volatile Runnable afterWriting = () -> { };

    FailingLog(WriteAheadLog real, Path directory) {
        this.real = real;
        this.directory = directory;
    }

    private void maybeFail() {
        if (failAppends) {
            throw new WalIOException("writing a record", directory, new IOException("injected write failure"));
        }
    }

    @Override
    public long append(WalEntry entry) {
        maybeFail();
        var written = real.append(entry);
        afterWriting.run();
        return written;
    }

    @Override
    public CompletableFuture<Long> appendAsync(WalEntry entry) {
        maybeFail();
        return real.appendAsync(entry);
    }

    @Override
    public LsnRange appendBatch(List<? extends WalEntry> entries) {
        maybeFail();
        var written = real.appendBatch(entries);
        afterWriting.run();
        return written;
    }

    @Override
    public LsnRange appendTransaction(long txnId, List<? extends WalEntry> entries) {
        maybeFail();
        var written = real.appendTransaction(txnId, entries);
        afterWriting.run();
        return written;
    }

    @Override
    public void sync() {
        real.sync();
    }

    @Override
    public long checkpoint() {
        return real.checkpoint();
    }

    @Override
    public OptionalLong lastCheckpointLsn() {
        return real.lastCheckpointLsn();
    }

    @Override
    public RecordCursor recover() {
        return real.recover();
    }

    @Override
    public RecordCursor recoverAfter(long checkpointLsn) {
        return real.recoverAfter(checkpointLsn);
    }

    @Override
    public RecordCursor read(long fromLsn) {
        return real.read(fromLsn);
    }

    @Override
    public FollowCursor follow(long fromLsn) {
        return real.follow(fromLsn);
    }

    @Override
    public long durableLsn() {
        return real.durableLsn();
    }

    @Override
    public int truncate(long upToLsn) {
        return real.truncate(upToLsn);
    }

    @Override
    public long nextLsn() {
        return real.nextLsn();
    }

    @Override
    public WalStats stats() {
        return real.stats();
    }

    @Override
    public void close() {
        real.close();
    }
}
