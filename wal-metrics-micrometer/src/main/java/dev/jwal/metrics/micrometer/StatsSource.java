package dev.jwal.metrics.micrometer;

import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The log's stats as the meters read them: taken on demand, when a meter is read, and shared by every meter
 * read within {@code maxAgeNanos} of each other (one registry publication or scrape reads them all), so a
 * scrape costs one {@link WriteAheadLog#stats()}, not one per meter. Nothing runs in the background.
 *
 * <p>Once the log is closed, or while {@code stats()} fails, gauges read NaN and counters keep their last
 * value (a counter must never go down). A failure of {@code stats()} other than a closed log is logged at
 * WARN once, until it succeeds again. Thread safe: one lock around taking a snapshot.
 */
final class StatsSource {
    private static final Logger LOG = LoggerFactory.getLogger(StatsSource.class);

    private final WriteAheadLog log;
    private final String name;
    private final long maxAgeNanos;
    // Guarded by this.
    private WalStats last;
    private boolean current;
    private boolean tried;
    private long triedAt;
    private boolean warned;

    StatsSource(WriteAheadLog log, String name, long maxAgeNanos) {
        this.log = log;
        this.name = name;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** A gauge's value: {@code value} of a current snapshot, or NaN when the log is closed or its stats fail. */
    double gauge(ToDoubleFunction<WalStats> value) {
        WalStats stats = snapshot(true);
        return stats == null ? Double.NaN : value.applyAsDouble(stats);
    }

    /** A counter's value: {@code value} of the latest snapshot taken, even after close; 0 before any. */
    double counter(ToLongFunction<WalStats> value) {
        return count(value);
    }

    /** As {@link #counter}, as a long (a function timer's count). */
    long count(ToLongFunction<WalStats> value) {
        WalStats stats = snapshot(false);
        return stats == null ? 0 : value.applyAsLong(stats);
    }

    /**
     * The snapshot, taken again if the last attempt is older than the maximum age.
     *
     * @param currentOnly whether to return null rather than a snapshot from before the log closed or failed
     */
    private synchronized WalStats snapshot(boolean currentOnly) {
        long now = System.nanoTime();
        if (!tried || now - triedAt >= maxAgeNanos) {
            tried = true;
            triedAt = now;
            take();
        }
        return current || !currentOnly ? last : null;
    }

    /** Under the lock. */
    private void take() {
        try {
            last = log.stats();
            current = true;
            warned = false;
        } catch (WalClosedException e) {
            current = false;
        } catch (RuntimeException e) {
            current = false;
            if (!warned) {
                warned = true;
                LOG.warn("reading the stats of log '{}' for its meters failed; its gauges read NaN until it "
                        + "succeeds again", name, e);
            }
        }
    }
}
