package dev.jwal.core.write;

import dev.jwal.api.error.WalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code interval(ms)}: as {@code manual}, an append returns once its records are handed to the operating
 * system; and a daemon thread forces every interval when something was written since the last force. A failed force fails the
 * log (appends then report it); that thread only logs it.
 */
final class IntervalDurability extends ManualDurability {
    private static final Logger LOG = LoggerFactory.getLogger(IntervalDurability.class);

    private final ScheduledExecutorService scheduler;

    IntervalDurability(LogWriter writer, GroupCommit commit, Duration interval, String logName) {
        super(writer, commit);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jwal-interval-sync-" + logName);
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleWithFixedDelay(this::syncQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void syncQuietly() {
        if (writer.failed() || commit.durableLsn() >= writer.writtenLsn()) {
            return;
        }
        try {
            sync();
        } catch (WalException e) {
            LOG.error("interval sync failed; the log refuses appends until reopened", e);
        }
    }

    /** Stops the thread, waiting up to 10 s for a force in progress; an interrupt does not cut the wait short. */
    @Override
    public void close() {
        scheduler.shutdown();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (!scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("interval sync thread did not stop within 10 s");
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
