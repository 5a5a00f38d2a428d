package dev.jwal.core.write;

import dev.jwal.api.SyncLatency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Times every force of a segment's data: keeps a latency histogram ({@link LatencyHistogram}:
 * microseconds, two significant digits; exact count, mean and maximum), counts the forces slower
 * than the threshold and logs each of those at WARN with the file and the time. A failed force is timed too: a disk that takes 30 s to report
 * an error is slow as well. Thread safe.
 */
public final class SyncTimer {
    private static final Logger LOG = LoggerFactory.getLogger(SyncTimer.class);

    private final Duration slowThreshold;
    private final long slowThresholdNanos;
    // Guarded by this.
    private final LatencyHistogram histogram = new LatencyHistogram();
    private long slowCount;

    public SyncTimer(Duration slowThreshold) {
        this.slowThreshold = slowThreshold;
        this.slowThresholdNanos = slowThreshold.toNanos();
    }

    /** A force of {@code file}. */
    @FunctionalInterface
    public interface Force {
        void run() throws IOException;
    }

    /** Runs {@code force} and records how long it took, whether it succeeded or not. */
    public void time(Path file, Force force) throws IOException {
        long start = System.nanoTime();
        try {
            force.run();
        } finally {
            record(file, System.nanoTime() - start);
        }
    }

    /** Records a force of {@code file} that took {@code nanos}, timed by the caller (an asynchronous one). */
    public void record(Path file, long nanos) {
        boolean slow = nanos > slowThresholdNanos;
        synchronized (this) {
            histogram.record(nanos);
            if (slow) {
                slowCount++;
            }
        }
        if (slow) {
            LOG.warn("slow fsync: forcing {} took {} ms (threshold {} ms); durable appends wait for it", file,
                    nanos / 1_000_000, slowThreshold.toMillis());
        }
    }

    /** The summary since this timer was made. */
    public synchronized SyncLatency latency() {
        return new SyncLatency(histogram.count(),
                micros(histogram.percentileMicros(50)),
                micros(histogram.percentileMicros(99)),
                Duration.ofNanos(histogram.maxNanos()),
                Duration.ofNanos(histogram.meanNanos()),
                slowCount, slowThreshold,
                Duration.ofNanos(histogram.sumNanos()));
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1_000);
    }
}
