package dev.jwal.metrics.micrometer;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.SyncLatency;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer {@link MeterBinder} for one {@link WriteAheadLog}: registers its appends, bytes, fsync latency,
 * records per fsync, slow fsyncs, segments, active segment, unforced records and failures, every meter tagged
 * {@value #LOG_TAG}={@code name} (and with the extra tags given).
 *
 * <pre>{@code
 * WriteAheadLog log = Wal.open(config);
 * WalMetrics metrics = WalMetrics.of(log, config);   // log=<the directory>; or WalMetrics.of(log, "orders")
 * metrics.bindTo(registry);
 * ...
 * metrics.close();                                   // removes the meters
 * log.close();
 * }</pre>
 *
 * <h2>Meters</h2>
 * <table>
 *   <caption>What each meter reads from {@link WalStats}</caption>
 *   <tr><th>name</th><th>type</th><th>base unit</th><th>meaning</th></tr>
 *   <tr><td>{@code jwal.appends}</td><td>function counter</td><td>records</td>
 *       <td>records appended since open, checkpoint records included</td></tr>
 *   <tr><td>{@code jwal.append.bytes}</td><td>function counter</td><td>bytes</td>
 *       <td>bytes of those records as written, framing included</td></tr>
 *   <tr><td>{@code jwal.fsync}</td><td>function timer</td><td>seconds</td>
 *       <td>forces of segment data since open (failed ones included) and their total time</td></tr>
 *   <tr><td>{@code jwal.fsync.max}</td><td>time gauge</td><td>seconds</td>
 *       <td>the slowest force since open</td></tr>
 *   <tr><td>{@code jwal.fsync.percentile}, tag {@code phi} = {@code 0.5}, {@code 0.99}</td><td>time gauge</td>
 *       <td>seconds</td><td>the median and 99th percentile force time since open (at most 1% high)</td></tr>
 *   <tr><td>{@code jwal.fsync.slow}</td><td>function counter</td><td>forces</td>
 *       <td>forces slower than the configured slow-sync threshold</td></tr>
 *   <tr><td>{@code jwal.appends.per.fsync}</td><td>gauge</td><td>records</td>
 *       <td>records appended per force that made records durable, since open (NaN before the first)</td></tr>
 *   <tr><td>{@code jwal.segments}</td><td>gauge</td><td>segments</td><td>segment files in the directory</td></tr>
 *   <tr><td>{@code jwal.size}</td><td>gauge</td><td>bytes</td>
 *       <td>bytes in all segments, preallocated room not counted</td></tr>
 *   <tr><td>{@code jwal.segment.active.size}</td><td>gauge</td><td>bytes</td>
 *       <td>bytes written to the active segment, preallocated room not counted</td></tr>
 *   <tr><td>{@code jwal.segment.active.entries}</td><td>gauge</td><td>records</td>
 *       <td>records in the active segment</td></tr>
 *   <tr><td>{@code jwal.unforced}</td><td>gauge</td><td>records</td>
 *       <td>records written but not yet forced: what a power loss would lose now</td></tr>
 *   <tr><td>{@code jwal.entries.since.checkpoint}</td><td>gauge</td><td>records</td>
 *       <td>records appended since the last checkpoint (counted from open)</td></tr>
 *   <tr><td>{@code jwal.failures}</td><td>function counter</td><td>calls</td>
 *       <td>calls that failed on a failed write, force or file operation
 *       ({@link WalStats#failuresSinceOpen()})</td></tr>
 *   <tr><td>{@code jwal.failed}</td><td>gauge</td><td></td>
 *       <td>1 once a write or force failed and the log refuses appends until reopened, else 0</td></tr>
 *   <tr><td>{@code jwal.follower.lag}, tag {@value #FOLLOWER_TAG} = the follower's name</td><td>gauge</td>
 *       <td>records</td><td>for each follower added with {@link #addFollower}: records appended that it has
 *       not returned yet, {@code log.nextLsn() - cursor.nextLsn()} (at least 0); NaN once it ended</td></tr>
 * </table>
 *
 * <h2>Reading stats lazily</h2>
 * The meters read {@link WriteAheadLog#stats()} when the registry reads them (a publication, a scrape), never
 * in the background and never on the append path, so binding costs appends nothing. The snapshot is shared by
 * every meter read within {@link Builder#statsMaxAge} (default {@value #DEFAULT_STATS_MAX_AGE_MILLIS} ms): a
 * scrape takes one snapshot, which lists the directory and reads the first record of the oldest segment. The
 * counters, the timer and the percentiles count since the log was opened: a reopened log starts them at 0
 * again, which monitoring systems read as a counter reset.
 *
 * <h2>A closed log</h2>
 * Once the log is closed its gauges read NaN and its counters keep their last value. The meters keep the log
 * reachable until they are removed: call {@link #close()} when closing the log.
 *
 * <h2>Threads</h2>
 * Thread safe: {@link #bindTo}, {@link #close()} and the meters may be used from any thread. Taking a
 * snapshot is serialized; appends never wait for it beyond what {@code stats()} itself costs.
 */
public final class WalMetrics implements MeterBinder, AutoCloseable {

    /** The tag every meter carries, naming the log. */
    public static final String LOG_TAG = "log";

    /** The tag of {@code jwal.follower.lag}, naming the follower. */
    public static final String FOLLOWER_TAG = "follower";

    /** How long, by default, one snapshot of the stats serves the meters read after it, in milliseconds. */
    public static final long DEFAULT_STATS_MAX_AGE_MILLIS = 1000;

    private static final String RECORDS = "records";

    private final String name;
    private final Tags tags;
    private final StatsSource source;
    // Guarded by this.
    private final List<Registered> registered = new ArrayList<>();
    // Guarded by this.
    private final Set<MeterRegistry> registries = new LinkedHashSet<>();
    // Guarded by this.
    private final Map<String, FollowCursor> followers = new LinkedHashMap<>();
    private final WriteAheadLog log;

    /** A meter this binder registered; {@code follower} names the follower a lag gauge is for, else null. */
    private record Registered(MeterRegistry registry, Meter meter, String follower) {
    }

    private WalMetrics(Builder builder) {
        this.name = builder.name;
        this.tags = builder.tags.and(LOG_TAG, builder.name);
        this.source = new StatsSource(builder.log, builder.name, builder.statsMaxAge.toNanos());
        this.log = builder.log;
    }

    /**
     * Meters for {@code log}, tagged with its directory as the configuration names it.
     *
     * @param log    the log to measure
     * @param config the configuration it was opened with
     * @return a binder with the default options
     */
    public static WalMetrics of(WriteAheadLog log, WalConfig config) {
        return builder(log, config.directory().toString()).build();
    }

    /**
     * Meters for {@code log}, tagged with {@code name}.
     *
     * @param log  the log to measure
     * @param name what the {@value #LOG_TAG} tag says; unique among the logs bound to one registry
     * @return a binder with the default options
     */
    public static WalMetrics of(WriteAheadLog log, String name) {
        return builder(log, name).build();
    }

    /**
     * A builder of meters for {@code log}, tagged with {@code name}.
     *
     * @param log  the log to measure
     * @param name what the {@value #LOG_TAG} tag says; unique among the logs bound to one registry
     * @return the builder
     */
    public static Builder builder(WriteAheadLog log, String name) {
        return new Builder(log, name);
    }

    /**
     * The value of the {@value #LOG_TAG} tag.
     *
     * @return the log's name in the meters
     */
    public String name() {
        return name;
    }

    /**
     * Registers the meters in {@code registry}. Binding to a registry that holds them already changes nothing
     * (the registry gives back the existing meters).
     *
     * @param registry where the meters go
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        List<Meter> meters = new ArrayList<>();

        meters.add(counter(registry, "jwal.appends", RECORDS,
                "Records appended since the log was opened, checkpoint records included",
                WalStats::appendedSinceOpen));
        meters.add(counter(registry, "jwal.append.bytes", BaseUnits.BYTES,
                "Bytes of the records appended since the log was opened, as written (framing included)",
                WalStats::bytesAppendedSinceOpen));

        meters.add(FunctionTimer.builder("jwal.fsync", source,
                        s -> s.count(stats -> stats.syncLatency().count()),
                        s -> s.counter(stats -> stats.syncLatency().total().toNanos()), TimeUnit.NANOSECONDS)
                .description("Forces (fsync) of segment data since the log was opened, failed ones included, "
                        + "and the time they took")
                .tags(tags).register(registry));
        meters.add(timeGauge(registry, "jwal.fsync.max", Tags.empty(),
                "The slowest force since the log was opened", SyncLatency::max));
        meters.add(timeGauge(registry, "jwal.fsync.percentile", Tags.of("phi", "0.5"),
                "The median force time since the log was opened (at most 1% above the exact value)",
                SyncLatency::median));
        meters.add(timeGauge(registry, "jwal.fsync.percentile", Tags.of("phi", "0.99"),
                "The 99th percentile force time since the log was opened (at most 1% above the exact value)",
                SyncLatency::p99));
        meters.add(counter(registry, "jwal.fsync.slow", "forces",
                "Forces slower than the log's slow-sync threshold since it was opened (each is logged at WARN)",
                stats -> stats.syncLatency().slowCount()));
        meters.add(gauge(registry, "jwal.appends.per.fsync", RECORDS,
                "Records appended per force that made records durable, since the log was opened",
                stats -> stats.syncsSinceOpen() == 0 ? Double.NaN
                        : (double) stats.appendedSinceOpen() / stats.syncsSinceOpen()));

        meters.add(gauge(registry, "jwal.segments", "segments", "Segment files in the log's directory",
                WalStats::segmentCount));
        meters.add(gauge(registry, "jwal.size", BaseUnits.BYTES,
                "Bytes in all segment files, room preallocated after the last record not counted",
                WalStats::totalBytes));
        meters.add(gauge(registry, "jwal.segment.active.size", BaseUnits.BYTES,
                "Bytes written to the active segment, room preallocated after the last record not counted",
                stats -> stats.activeSegment().bytes()));
        meters.add(gauge(registry, "jwal.segment.active.entries", RECORDS, "Records in the active segment",
                stats -> stats.activeSegment().entries()));
        meters.add(gauge(registry, "jwal.unforced", RECORDS,
                "Records written but not yet forced to stable storage: what a power loss would lose now",
                stats -> Math.max(0, stats.nextLsn() - 1 - stats.durableLsn())));
        meters.add(gauge(registry, "jwal.entries.since.checkpoint", RECORDS,
                "Records appended since the last checkpoint (counted from when the log was opened)",
                WalStats::entriesSinceCheckpoint));

        meters.add(counter(registry, "jwal.failures", "calls",
                "Appends, syncs, checkpoints and truncations that failed on a failed write, force or file "
                        + "operation since the log was opened", WalStats::failuresSinceOpen));
        meters.add(gauge(registry, "jwal.failed", null,
                "1 once a write or force failed and the log refuses appends until it is reopened, else 0",
                stats -> stats.failed() ? 1 : 0));

        synchronized (this) {
            for (Meter meter : meters) {
                registered.add(new Registered(registry, meter, null));
            }
            registries.add(registry);
            followers.forEach((followerName, cursor) -> registerLag(registry, followerName, cursor));
        }
    }

    /**
     * Adds a {@code jwal.follower.lag} gauge for {@code cursor}, a follower of this binder's log, tagged
     * {@value #FOLLOWER_TAG}={@code followerName}: in every registry this binder is bound to, now and later.
     * The gauge reads {@link WriteAheadLog#nextLsn()} and {@link FollowCursor#nextLsn()} when the registry reads
     * it. Adding a name again replaces that follower's gauge.
     *
     * @param followerName what the {@value #FOLLOWER_TAG} tag says; unique among this log's followers
     * @param cursor       the follower, e.g. from {@link WriteAheadLog#follow(long)}
     * @throws IllegalArgumentException if {@code followerName} is blank
     */
    public synchronized void addFollower(String followerName, FollowCursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (Objects.requireNonNull(followerName, "followerName").isBlank()) {
            throw new IllegalArgumentException("a follower's name in its meters must not be blank");
        }
        removeFollower(followerName);
        followers.put(followerName, cursor);
        for (MeterRegistry registry : registries) {
            registerLag(registry, followerName, cursor);
        }
    }

    /**
     * Removes the lag gauge of the follower {@code followerName} from every registry; nothing if there is none.
     *
     * @param followerName the name it was added with
     */
    public synchronized void removeFollower(String followerName) {
        if (followers.remove(followerName) == null) {
            return;
        }
        registered.removeIf(r -> {
            if (followerName.equals(r.follower())) {
                r.registry().remove(r.meter());
                return true;
            }
            return false;
        });
    }

    /** Under this binder's lock. */
    private void registerLag(MeterRegistry registry, String followerName, FollowCursor cursor) {
        Gauge lag = Gauge.builder("jwal.follower.lag", cursor,
                        c -> c.ended() ? Double.NaN : Math.max(0, log.nextLsn() - c.nextLsn()))
                .description("Records appended that the follower has not returned yet")
                .baseUnit(RECORDS).tags(tags.and(FOLLOWER_TAG, followerName)).strongReference(true)
                .register(registry);
        registered.add(new Registered(registry, lag, followerName));
    }

    /**
     * Removes every meter this binder registered from the registries it was bound to; the binder may be bound
     * again later. Idempotent.
     */
    @Override
    public void close() {
        List<Registered> toRemove;
        synchronized (this) {
            toRemove = new ArrayList<>(registered);
            registered.clear();
            registries.clear();
            followers.clear();
        }
        for (Registered r : toRemove) {
            r.registry().remove(r.meter());
        }
    }

    private FunctionCounter counter(MeterRegistry registry, String meterName, String unit, String description,
                                    ToLongFunction<WalStats> value) {
        return FunctionCounter.builder(meterName, source, s -> s.counter(value))
                .description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private Gauge gauge(MeterRegistry registry, String meterName, String unit, String description,
                        ToDoubleFunction<WalStats> value) {
        // Strong: the meters, not this binder, keep the source (and so the log) reachable until removed.
        return Gauge.builder(meterName, source, s -> s.gauge(value))
                .description(description).baseUnit(unit).tags(tags).strongReference(true).register(registry);
    }

    private TimeGauge timeGauge(MeterRegistry registry, String meterName, Tags extraTags, String description,
                                Function<SyncLatency, Duration> value) {
        return TimeGauge.builder(meterName, source, TimeUnit.NANOSECONDS,
                        s -> s.gauge(stats -> value.apply(stats.syncLatency()).toNanos()))
                .description(description).tags(tags.and(extraTags)).strongReference(true).register(registry);
    }

    /** Builds a {@link WalMetrics}. Not thread safe. */
    public static final class Builder {
        private final WriteAheadLog log;
        private final String name;
        private Tags tags = Tags.empty();
        private Duration statsMaxAge = Duration.ofMillis(DEFAULT_STATS_MAX_AGE_MILLIS);

        private Builder(WriteAheadLog log, String name) {
            this.log = Objects.requireNonNull(log, "log");
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a log's name in its meters must not be blank");
            }
            this.name = name;
        }

        /**
         * Tags every meter carries besides {@value WalMetrics#LOG_TAG}.
         *
         * @param extra the tags; one named {@value WalMetrics#LOG_TAG} is replaced by the log's name
         * @return this builder
         */
        public Builder tags(Iterable<Tag> extra) {
            this.tags = Tags.of(Objects.requireNonNull(extra, "tags"));
            return this;
        }

        /**
         * How long one snapshot of {@link WriteAheadLog#stats()} serves the meters read after it. Zero takes a
         * snapshot for every meter read.
         *
         * @param maxAge at least zero; default {@value WalMetrics#DEFAULT_STATS_MAX_AGE_MILLIS} ms
         * @return this builder
         * @throws IllegalArgumentException if {@code maxAge} is negative
         */
        public Builder statsMaxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("statsMaxAge must not be negative, was " + maxAge);
            }
            this.statsMaxAge = maxAge;
            return this;
        }

        /**
         * Builds the binder; nothing is registered until {@link WalMetrics#bindTo}.
         *
         * @return the binder
         */
        public WalMetrics build() {
            return new WalMetrics(this);
        }
    }
}
