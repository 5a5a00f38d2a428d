package dev.jwal.core.follow;

import dev.jwal.core.segment.DurableLsnFile;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The durable LSN a writer in another process publishes in its directory ({@link DurableLsnFile}), read
 * again every time it is asked for; waiting sleeps at most one poll interval between looks (another process
 * cannot wake this one). The highest value read is kept: a file that does not check out (a rewrite caught
 * half way) or one a power loss set back says nothing new. It never ends: the writer may always restart.
 * Thread safe.
 */
final class PublishedDurable implements DurableSource {
    private final Path directory;
    private final long pollNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile long known = -1;

    PublishedDurable(Path directory, long pollNanos) {
        this.directory = directory;
        this.pollNanos = pollNanos;
    }

    @Override
    public long durableLsn() {
        OptionalLong published = DurableLsnFile.read(directory);
        if (published.isPresent() && published.getAsLong() > known) {
            known = published.getAsLong();
        }
        return known;
    }

    @Override
    public End end() {
        return null;
    }

    @Override
    public void await(long lsn, long nanos, BooleanSupplier cancelled) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (cancelled.getAsBoolean() || nanos <= 0) {
                return;
            }
            woken.awaitNanos(Math.min(nanos, pollNanos));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
