package dev.jwal.storage;

import dev.jwal.api.CheckpointListener;
import dev.jwal.api.WriteAheadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The log's checkpoint listener. The log calls it on the appending thread, which for a storage holds the
 * mutation lock; a due checkpoint is therefore only noted there, and {@link #runDue()} acts on it once the
 * lock is released: it starts the storage's background checkpoint (once the storage is open), then calls
 * the listener the configuration named, which may hand work to another thread and wait for it, storage
 * mutations included. A notification on a thread that holds no mutation lock is acted on at once. Thread safe.
 */
final class CheckpointTrigger implements CheckpointListener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointTrigger.class);
    private static final long NONE_DUE = -1;

    private final CheckpointListener configured;
    /** The largest entry count of the notifications not acted on yet, or {@link #NONE_DUE}. */
    private final AtomicLong due = new AtomicLong(NONE_DUE);
    private volatile WriteAheadLog dueLog;
    private volatile Runnable start;
    private volatile BooleanSupplier mustDefer = () -> true;

    CheckpointTrigger(CheckpointListener configured) {
        this.configured = configured;
    }

    /**
     * From now on, a due checkpoint runs {@code start} (none if null); a notification arriving while
     * {@code mustDefer} says so (the thread holds the mutation lock) waits for {@link #runDue()}. Until this
     * is called, every notification waits.
     */
    void attach(Runnable start, BooleanSupplier mustDefer) {
        this.start = start;
        this.mustDefer = mustDefer;
    }

    @Override
    public void checkpointDue(WriteAheadLog log, long entriesSinceCheckpoint) {
        dueLog = log;
        due.accumulateAndGet(entriesSinceCheckpoint, Math::max);
        if (!mustDefer.getAsBoolean()) {
            runDue();
        }
    }

    /**
     * Acts on the notifications noted since the last call, if any; call it holding no storage lock. A
     * failing configured listener is logged, as the log itself does.
     */
    void runDue() {
        long entries = due.getAndSet(NONE_DUE);
        if (entries == NONE_DUE) {
            return;
        }
        Runnable target = start;
        if (target != null) {
            target.run();
        }
        try {
            configured.checkpointDue(dueLog, entries);
        } catch (RuntimeException e) {
            LOG.error("the checkpoint listener failed", e);
        }
    }
}
