package dev.jwal.storage;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Takes checkpoints, one at a time, on the caller's thread or on its own background thread:
 * <ol>
 *   <li>capture a {@link StoreImage} (the only step that holds writers back: a copy of references);</li>
 *   <li>force the log, so every record the image reflects is durable before a snapshot claims it;</li>
 *   <li>write the snapshot (temporary file, force, rename, directory force);</li>
 *   <li>append the Checkpoint record ({@link WriteAheadLog#checkpoint()});</li>
 *   <li>delete all but the newest retained snapshots, and truncate the log up to the oldest one kept.</li>
 * </ol>
 * A crash between any two steps leaves a directory that opens to the same state. A storage that failed
 * meanwhile ({@link StorageFailedException}) stops the checkpoint before the snapshot and before the
 * Checkpoint record. Thread safe.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final WriteAheadLog log;
    private final SnapshotFiles snapshots;
    private final int retained;
    private final Supplier<StoreImage> capture;
    private final Runnable ensureUsable;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService background;

    /**
     * @param capture      copies the store while no mutation runs, with the LSN the copy reaches
     * @param ensureUsable throws if the storage failed or closed meanwhile: checked again before the snapshot
     *                     is written and before the Checkpoint record, so a failed storage takes no checkpoint
     */
    Checkpointer(WriteAheadLog log, SnapshotFiles snapshots, int retained, Supplier<StoreImage> capture,
                 Runnable ensureUsable) {
        this.log = log;
        this.snapshots = snapshots;
        this.retained = retained;
        this.capture = capture;
        this.ensureUsable = ensureUsable;
        String name = "jwal-checkpoint-" + snapshots.directory().toAbsolutePath();
        this.background = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes a checkpoint now, after the one in progress if any.
     *
     * @throws WalIOException if the snapshot cannot be written or the log forced, checkpointed or truncated
     */
    CheckpointResult checkpoint() {
        running.lock();
        try {
            long started = System.nanoTime();
            StoreImage image = capture.get();
            long captured = System.nanoTime();
            log.sync();
            ensureUsable.run();
            Path file;
            try {
                file = snapshots.write(image);
            } catch (IOException e) {
                throw new WalIOException("writing a snapshot", snapshots.directory(), e);
            }
            ensureUsable.run();
            long checkpointLsn = log.checkpoint();
            long oldestKept;
            try {
                oldestKept = snapshots.retainNewest(retained);
            } catch (IOException e) {
                throw new WalIOException("deleting old snapshots", snapshots.directory(), e);
            }
            int truncated = log.truncate(oldestKept);
            LOG.debug("checkpoint: snapshot {} of {} vectors (writers held {} µs), Checkpoint record at LSN {}, "
                            + "{} segments truncated, {} ms in all", file.getFileName(), image.vectorCount(),
                    (captured - started) / 1_000, checkpointLsn, truncated, (System.nanoTime() - started) / 1_000_000);
            return new CheckpointResult(file, image.replayFrom(), checkpointLsn, image.vectorCount(), truncated);
        } finally {
            running.unlock();
        }
    }

    /** Starts a checkpoint on the background thread, unless one is already waiting to start. */
    void requestInBackground() {
        if (queued.compareAndSet(false, true)) {
            try {
                background.execute(this::runQueued);
            } catch (RejectedExecutionException closing) {
                queued.set(false);
            }
        }
    }

    private void runQueued() {
        queued.set(false);
        try {
            checkpoint();
        } catch (StorageClosedException | WalClosedException closing) {
            LOG.debug("background checkpoint abandoned: the storage is closing");
        } catch (StorageFailedException failed) {
            LOG.debug("background checkpoint abandoned: the storage failed", failed);
        } catch (RuntimeException e) {
            LOG.error("background checkpoint failed; writes go on, and the next threshold tries again", e);
        }
    }

    /** Stops the background thread, waiting (a minute at most) for a checkpoint in progress. */
    @Override
    public void close() {
        background.shutdown();
        try {
            boolean idle = background.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
                    && running.tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (idle) {
                running.unlock();
            } else {
                LOG.warn("a checkpoint is still running after {} s; closing anyway", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
