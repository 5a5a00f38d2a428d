/**
 * Micrometer metrics for a jwal log: {@link dev.jwal.metrics.micrometer.WalMetrics} is a
 * {@code MeterBinder} that registers the log's appends, bytes, fsync latency, records per fsync, slow fsyncs,
 * segments, active segment, unforced records and failures, read lazily from
 * {@link dev.jwal.api.WriteAheadLog#stats()}. Optional: wal-core does not depend on Micrometer.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.jwal.metrics.micrometer {
    requires transitive dev.jwal.core;
    // Its types (MeterRegistry, Tag) are in this module's API; micrometer-core names its module in its manifest.
    requires transitive micrometer.core;
    requires org.slf4j;

    exports dev.jwal.metrics.micrometer;
}
