package dev.jwal.storage;

import dev.jwal.api.CheckpointListener;
import dev.jwal.api.WriteAheadLog;

/**
 * The log's checkpoint listener: starts the storage's background checkpoint (once the storage is
 * open), then calls the listener the configuration named. Runs on an appending thread, so it only
 * hands the work over.
 */
final class CheckpointTrigger implements CheckpointListener {
    private final CheckpointListener configured;
    private volatile Runnable start;

    CheckpointTrigger(CheckpointListener configured) {
        this.configured = configured;
    }

    /** From now on, a due checkpoint runs {@code start}. */
    void startWith(Runnable start) {
        this.start = start;
    }

    @Override
    public void checkpointDue(WriteAheadLog log, long entriesSinceCheckpoint) {
        Runnable target = start;
        if (target != null) {
            target.run();
        }
        configured.checkpointDue(log, entriesSinceCheckpoint);
    }
}
