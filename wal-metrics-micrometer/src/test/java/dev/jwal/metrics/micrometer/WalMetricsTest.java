package dev.jwal.metrics.micrometer;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.SyncLatency;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WalStats;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binder registers its meters in a registry and they follow the log: append, sync, rotate, close. */
class WalMetricsTest {
    static final List<String> METERS = List.of("jwal.appends", "jwal.append.bytes", "jwal.fsync", "jwal.fsync.max",
            "jwal.fsync.percentile", "jwal.fsync.slow", "jwal.appends.per.fsync", "jwal.segments", "jwal.size",
            "jwal.segment.active.size", "jwal.segment.active.entries", "jwal.unforced",
            "jwal.entries.since.checkpoint", "jwal.failures", "jwal.failed");

    @TempDir
    Path dir;
    final MeterRegistry registry = new SimpleMeterRegistry();

    static WalEntry upsert(String id, float value) {
        return new WalEntry.Upsert("ns", List.of(SerializedVector.of(id, new float[] {value, value})));
    }

    WalConfig.Builder config() {
        return WalConfig.builder(dir).syncPolicy(SyncPolicy.everyWrite()).codec("json");
    }

    double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void everyMeterIsRegisteredWithTheLogTag() {
        try (WriteAheadLog log = Wal.open(config().build());
             WalMetrics metrics = WalMetrics.builder(log, "orders").tags(Tags.of("region", "eu")).build()) {
            metrics.bindTo(registry);
            assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                    .containsExactlyInAnyOrderElementsOf(METERS.stream()
                            .flatMap(n -> n.equals("jwal.fsync.percentile") ? java.util.stream.Stream.of(n, n)
                                    : java.util.stream.Stream.of(n)).toList());
            for (Meter meter : registry.getMeters()) {
                assertThat(meter.getId().getTag(WalMetrics.LOG_TAG)).isEqualTo("orders");
                assertThat(meter.getId().getTag("region")).isEqualTo("eu");
                assertThat(meter.getId().getDescription()).isNotBlank();
            }
            assertThat(registry.get("jwal.fsync.percentile").tag("phi", "0.99").timeGauge()).isNotNull();
            assertThat(registry.get("jwal.fsync.percentile").tag("phi", "0.5").timeGauge()).isNotNull();
            assertThat(registry.get("jwal.append.bytes").functionCounter().getId().getBaseUnit()).isEqualTo("bytes");
        }
    }

    @Test
    void theLogTagNamesTheDirectoryByDefault() {
        WalConfig config = config().build();
        try (WriteAheadLog log = Wal.open(config); WalMetrics metrics = WalMetrics.of(log, config)) {
            metrics.bindTo(registry);
            assertThat(registry.get("jwal.appends").tag(WalMetrics.LOG_TAG, dir.toString()).functionCounter())
                    .isNotNull();
        }
    }

    @Test
    void metersMoveWithAppendsSyncsAndRotation() {
        try (WriteAheadLog log = Wal.open(config().segmentSize(400).build());
             WalMetrics metrics = WalMetrics.builder(log, "moving").statsMaxAge(Duration.ZERO).build()) {
            metrics.bindTo(registry);
            assertThat(counter("jwal.appends")).isZero();
            assertThat(counter("jwal.append.bytes")).isZero();
            assertThat(gauge("jwal.segments")).isZero();
            assertThat(gauge("jwal.segment.active.entries")).isZero();
            assertThat(gauge("jwal.appends.per.fsync")).isNaN();
            assertThat(gauge("jwal.failed")).isZero();

            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            log.sync();
            assertThat(counter("jwal.appends")).isEqualTo(2);
            double bytes = counter("jwal.append.bytes");
            assertThat(bytes).isPositive();
            assertThat(gauge("jwal.segments")).isEqualTo(1);
            assertThat(gauge("jwal.segment.active.entries")).isEqualTo(2);
            assertThat(gauge("jwal.segment.active.size")).isEqualTo(bytes);
            assertThat(gauge("jwal.size")).isEqualTo(bytes);
            assertThat(gauge("jwal.unforced")).isZero();
            assertThat(gauge("jwal.entries.since.checkpoint")).isEqualTo(2);
            assertThat(gauge("jwal.appends.per.fsync")).isPositive();

            FunctionTimer fsync = registry.get("jwal.fsync").functionTimer();
            assertThat(fsync.count()).isGreaterThanOrEqualTo(2);
            assertThat(fsync.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            TimeGauge max = registry.get("jwal.fsync.max").timeGauge();
            TimeGauge p99 = registry.get("jwal.fsync.percentile").tag("phi", "0.99").timeGauge();
            assertThat(max.value(TimeUnit.NANOSECONDS)).isPositive()
                    .isGreaterThanOrEqualTo(p99.value(TimeUnit.NANOSECONDS));
            assertThat(fsync.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(max.value(TimeUnit.NANOSECONDS));
            double forces = fsync.count();

            for (int i = 0; i < 20; i++) {
                log.append(upsert("r" + i, i));
            }
            assertThat(counter("jwal.appends")).isEqualTo(22);
            assertThat(counter("jwal.append.bytes")).isGreaterThan(bytes);
            assertThat(gauge("jwal.segments")).isGreaterThan(1);
            assertThat(gauge("jwal.segment.active.entries")).isLessThan(22).isPositive();
            assertThat(gauge("jwal.segment.active.size")).isLessThan(gauge("jwal.size"));
            assertThat(fsync.count()).isGreaterThan(forces);

            log.checkpoint();
            assertThat(gauge("jwal.entries.since.checkpoint")).isZero();
            assertThat(counter("jwal.fsync.slow")).isZero();
            assertThat(counter("jwal.failures")).isZero();
        }
    }

    @Test
    void unforcedRecordsShowUnderManualSync() {
        try (WriteAheadLog log = Wal.open(config().syncPolicy(SyncPolicy.manual()).build());
             WalMetrics metrics = WalMetrics.builder(log, "manual").statsMaxAge(Duration.ZERO).build()) {
            metrics.bindTo(registry);
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            assertThat(gauge("jwal.unforced")).isEqualTo(2);
            log.sync();
            assertThat(gauge("jwal.unforced")).isZero();
        }
    }

    @Test
    void aClosedLogReadsNaNInGaugesAndKeepsItsCounters() {
        WriteAheadLog log = Wal.open(config().build());
        WalMetrics metrics = WalMetrics.builder(log, "closing").statsMaxAge(Duration.ZERO).build();
        metrics.bindTo(registry);
        log.append(upsert("a", 1f));
        assertThat(counter("jwal.appends")).isEqualTo(1);
        log.close();
        assertThat(gauge("jwal.segments")).isNaN();
        assertThat(registry.get("jwal.fsync.max").timeGauge().value()).isNaN();
        assertThat(counter("jwal.appends")).isEqualTo(1);
        assertThat(registry.get("jwal.fsync").functionTimer().count()).isPositive();

        metrics.close();
        assertThat(registry.getMeters()).isEmpty();
        metrics.close();
    }

    @Test
    void oneSnapshotServesEveryMeterOfAScrape() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<WalStats> stats = new AtomicReference<>(stats(5, false, 0));
        WriteAheadLog log = stubLog(() -> {
            calls.incrementAndGet();
            return stats.get();
        });
        try (WalMetrics metrics = WalMetrics.builder(log, "cached").statsMaxAge(Duration.ofHours(1)).build()) {
            metrics.bindTo(registry);
            readAll();
            readAll();
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void eachMeterReadsItsOwnComponent() {
        AtomicReference<WalStats> stats = new AtomicReference<>(stats(5, true, 3));
        try (WalMetrics metrics = WalMetrics.builder(stubLog(stats::get), "mapped").statsMaxAge(Duration.ZERO)
                .build()) {
            metrics.bindTo(registry);
            assertThat(counter("jwal.appends")).isEqualTo(100);
            assertThat(counter("jwal.append.bytes")).isEqualTo(4096);
            assertThat(counter("jwal.fsync.slow")).isEqualTo(2);
            assertThat(counter("jwal.failures")).isEqualTo(3);
            FunctionTimer fsync = registry.get("jwal.fsync").functionTimer();
            assertThat(fsync.count()).isEqualTo(10);
            assertThat(fsync.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50);
            assertThat(registry.get("jwal.fsync.max").timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(20);
            assertThat(registry.get("jwal.fsync.percentile").tag("phi", "0.99").timeGauge()
                    .value(TimeUnit.MILLISECONDS)).isEqualTo(19);
            assertThat(registry.get("jwal.fsync.percentile").tag("phi", "0.5").timeGauge()
                    .value(TimeUnit.MILLISECONDS)).isEqualTo(4);
            assertThat(gauge("jwal.appends.per.fsync")).isEqualTo(20);
            assertThat(gauge("jwal.segments")).isEqualTo(7);
            assertThat(gauge("jwal.size")).isEqualTo(70_000);
            assertThat(gauge("jwal.segment.active.size")).isEqualTo(1234);
            assertThat(gauge("jwal.segment.active.entries")).isEqualTo(12);
            assertThat(gauge("jwal.unforced")).isEqualTo(5);
            assertThat(gauge("jwal.entries.since.checkpoint")).isEqualTo(40);
            assertThat(gauge("jwal.failed")).isEqualTo(1);
        }
    }

    @Test
    void failingStatsReadNaNInGaugesAndKeepCounters() {
        AtomicReference<WalStats> stats = new AtomicReference<>(stats(0, false, 0));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        WriteAheadLog log = stubLog(() -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return stats.get();
        });
        try (WalMetrics metrics = WalMetrics.builder(log, "failing").statsMaxAge(Duration.ZERO).build()) {
            metrics.bindTo(registry);
            assertThat(gauge("jwal.segments")).isEqualTo(7);
            failure.set(new dev.jwal.api.error.WalIOException("listing", Path.of("x"), new java.io.IOException("x")));
            assertThat(gauge("jwal.segments")).isNaN();
            assertThat(counter("jwal.appends")).isEqualTo(100);
            failure.set(null);
            assertThat(gauge("jwal.segments")).isEqualTo(7);
        }
    }

    @Test
    void aBlankNameOrNegativeAgeIsRefused() {
        WriteAheadLog log = stubLog(() -> stats(0, false, 0));
        assertThatThrownBy(() -> WalMetrics.of(log, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WalMetrics.builder(log, "x").statsMaxAge(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void readAll() {
        for (Meter meter : registry.getMeters()) {
            meter.measure().forEach(m -> m.getValue());
        }
    }

    /** Stats whose every component differs, so a meter reading the wrong one shows. */
    private static WalStats stats(long unforced, boolean failed, long failures) {
        SyncLatency latency = new SyncLatency(10, Duration.ofMillis(4), Duration.ofMillis(19), Duration.ofMillis(20),
                Duration.ofMillis(5), 2, Duration.ofSeconds(1), Duration.ofMillis(50));
        long nextLsn = 500;
        return new WalStats(nextLsn, 0, 459, 7, 70_000, 100, 5, 40, latency,
                new WalStats.ActiveSegment(488, 1234, 12), 4096, nextLsn - 1 - unforced, failed, failures);
    }

    /** A log whose only working method is {@code stats()}. */
    private static WriteAheadLog stubLog(java.util.function.Supplier<WalStats> stats) {
        return (WriteAheadLog) Proxy.newProxyInstance(WalMetricsTest.class.getClassLoader(),
                new Class<?>[] {WriteAheadLog.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "stats" -> stats.get();
                    case "toString" -> "stub log";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
