package dev.jwal.api;

import java.time.Duration;

/**
 * How long the log's forces (fsync of a segment's data) took since it was opened: a summary
 * for dashboards and a count of the slow ones. A force slower than
 * {@link dev.jwal.api.config.WalConfig#slowSyncThreshold()} is also logged at WARN, naming the
 * segment and the time: a disk whose fsyncs take seconds stalls every durable append, and that
 * is worth knowing before users notice.
 *
 * <p>The count, the total, the maximum, the mean and the slow count are exact. Percentiles come from a
 * histogram with two significant digits: each is at most 1% above the exact value (by nearest
 * rank) and never above the maximum; below 256 µs they are exact to the microsecond.
 *
 * @param count         forces timed
 * @param median        the median force time; zero when {@code count} is 0
 * @param p99           the 99th percentile
 * @param max           the slowest force
 * @param mean          the mean force time
 * @param slowCount     forces that took longer than {@code slowThreshold}
 * @param slowThreshold the configured threshold
 * @param total         the time all forces took together, exactly: with {@code count}, a pair that never goes
 *                      down, for rates (a metrics timer's count and total)
 */
public record SyncLatency(
        long count,
        Duration median,
        Duration p99,
        Duration max,
        Duration mean,
        long slowCount,
        Duration slowThreshold,
        Duration total) {
}
