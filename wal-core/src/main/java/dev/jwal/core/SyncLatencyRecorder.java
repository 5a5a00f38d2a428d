package dev.jwal.core;

import dev.jwal.api.SyncLatency;
import dev.jwal.core.write.SyncTimer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Keeps the {@link SyncLatency} summary of a log's durable writes the way a log directory does (a histogram with
 * two significant digits, exact count, mean and maximum; slow ones logged at WARN naming the place), for logs
 * kept elsewhere (wal-bookkeeper times the wait for a BookKeeper entry's ack quorum). Thread safe.
 */
public final class SyncLatencyRecorder {
    private final SyncTimer timer;

    /**
     * An empty summary.
     *
     * @param slowThreshold a write slower than this is counted as slow and logged
     */
    public SyncLatencyRecorder(Duration slowThreshold) {
        this.timer = new SyncTimer(slowThreshold);
    }

    /**
     * Records one durable write.
     *
     * @param place where it went, for the slow-write warning
     * @param nanos how long it took
     */
    public void record(Path place, long nanos) {
        timer.record(place, nanos);
    }

    /**
     * The summary so far.
     *
     * @return the summary
     */
    public SyncLatency latency() {
        return timer.latency();
    }
}
