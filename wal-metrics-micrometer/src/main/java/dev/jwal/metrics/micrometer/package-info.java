/**
 * Micrometer metrics for a write-ahead log.
 *
 * <ul>
 *   <li>{@link dev.jwal.metrics.micrometer.WalMetrics}: the {@code MeterBinder}; every meter it registers is
 *       listed in its documentation and in {@code docs/metrics.md}.</li>
 * </ul>
 */
package dev.jwal.metrics.micrometer;
