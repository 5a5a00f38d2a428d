package dev.jwal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The textbook single-writer group commit, on raw bytes: submitters queue a record and wait; one writer
 * thread takes everything queued, writes it with one gathering write, forces once, and releases the
 * whole batch. No LSNs, no checksums, no codec: the bar a log's group commit is held to.
 */
final class GroupCommitter implements AutoCloseable {
    private final RotatingFile file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition committed = lock.newCondition();
    private final Thread writer;

    // Guarded by lock.
    private ByteBuffer[] pending = new ByteBuffer[256];
    private int pendingCount;
    private long submitted;
    private long durable;
    private boolean stopping;
    private IOException failure;
    private long forces;

    GroupCommitter(RotatingFile file) {
        this.file = file;
        this.writer = new Thread(this::writeLoop, "raw-group-commit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues {@code record} and returns once it has been written and forced. */
    void commit(ByteBuffer record) {
        lock.lock();
        try {
            if (pendingCount == pending.length) {
                pending = Arrays.copyOf(pending, pending.length * 2);
            }
            pending[pendingCount++] = record;
            long mine = ++submitted;
            queued.signal();
            while (durable < mine) {
                if (failure != null) {
                    throw new UncheckedIOException("raw group commit failed", failure);
                }
                committed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        ByteBuffer[] batch = new ByteBuffer[256];
        while (true) {
            int count;
            long upTo;
            lock.lock();
            try {
                while (pendingCount == 0 && !stopping) {
                    queued.awaitUninterruptibly();
                }
                if (pendingCount == 0) {
                    return;
                }
                ByteBuffer[] taken = pending;
                pending = batch.length >= taken.length ? batch : new ByteBuffer[taken.length];
                batch = taken;
                count = pendingCount;
                pendingCount = 0;
                upTo = submitted;
            } finally {
                lock.unlock();
            }
            IOException error = null;
            try {
                file.write(batch, count);
                file.force();
            } catch (IOException e) {
                error = e;
            }
            Arrays.fill(batch, 0, count, null);
            lock.lock();
            try {
                if (error != null) {
                    failure = error;
                } else {
                    durable = upTo;
                    forces++;
                }
                committed.signalAll();
            } finally {
                lock.unlock();
            }
            if (error != null) {
                return;
            }
        }
    }

    /** Records committed per force so far: a diagnostic. */
    double recordsPerForce() {
        lock.lock();
        try {
            return durable / (double) Math.max(1, forces);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the writer once the queue is empty and deletes the file's directory. */
    @Override
    public void close() {
        lock.lock();
        try {
            stopping = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
