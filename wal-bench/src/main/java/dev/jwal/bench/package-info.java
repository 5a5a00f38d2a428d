/**
 * JMH benchmarks of jwal, each measured beside the baseline it is judged against, in the same run.
 *
 * <ul>
 *   <li>{@link dev.jwal.bench.AppendBenchmark}: append throughput per codec and framing, sync policy and entry size;</li>
 *   <li>{@link dev.jwal.bench.AppendThreadsBenchmark}: every-write appends from 1, 4, 16 and 64 threads;</li>
 *   <li>{@link dev.jwal.bench.CodecBenchmark}: encode and decode cost per codec and entry size;</li>
 *   <li>{@link dev.jwal.bench.RecoveryBenchmark}: reading a 96 MiB log back, in MB/s and entries/s;</li>
 *   <li>baselines: {@link dev.jwal.bench.RawWriteBenchmark} (a bare FileChannel loop, with and without force),
 *       {@link dev.jwal.bench.RawGroupCommitBenchmark} (a bare single-writer group commit) and
 *       {@link dev.jwal.bench.NaiveJsonLinesBenchmark} (the reference's way of writing JSON lines).</li>
 * </ul>
 *
 * Every benchmark writes the same entries ({@link dev.jwal.bench.BenchEntries}) and the raw baselines the
 * same record bytes ({@link dev.jwal.bench.RecordBytes}), under {@link dev.jwal.bench.BenchDirs#root()}.
 * {@link dev.jwal.bench.ShortProfile} runs the selection that {@code bench/run.sh} reports.
 */
package dev.jwal.bench;
