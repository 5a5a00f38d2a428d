package dev.jwal.core.write;

import dev.jwal.api.error.WalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forces the log from a daemon thread every interval, when something was
 * written since the last force. A failed force fails the writer (appends then
 * report it); this thread only logs it.
 */
public final class IntervalSyncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntervalSyncer.class);

    private final ScheduledExecutorService scheduler;

    public IntervalSyncer(SegmentWriter writer, Duration interval, String directoryName) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jwal-interval-sync-" + directoryName);
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleWithFixedDelay(() -> syncQuietly(writer), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private static void syncQuietly(SegmentWriter writer) {
        if (writer.failed()) {
            return;
        }
        try {
            writer.sync();
        } catch (WalException e) {
            LOG.error("interval sync failed; the log refuses appends until reopened", e);
        }
    }

    /** Stops the thread, waiting for a force in progress. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("interval sync thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
