package dev.jwal.bench;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.core.LogInspector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long after an every-write {@code append} a follower has the record, against the append's own latency,
 * in one run. Sample-time mode, so the JSON holds each benchmark's latency distribution (median, p99):
 * <ul>
 *   <li>{@link #append}: the baseline, an every-write append from one thread, with a follower running;</li>
 *   <li>{@link #appendUntilFollowed}: the same append, then waiting until the follower thread has returned
 *       that record: the end-to-end latency from the call to the follower. The follower's own delay, from the
 *       moment the append returned, is the difference; it is also measured directly on the follower thread and
 *       printed at the end of each trial (median and p99; 0 when the follower had it before the append
 *       returned).</li>
 * </ul>
 * {@code follower}: {@code in-process} ({@link WriteAheadLog#follow}, woken by the writer's force) or
 * {@code published} ({@link LogInspector#follow} with a 1 ms poll, as from another process).
 *
 * <p>Segments are small (64 KiB) by default: until positioning by LSN is a seek, a follower that catches up
 * positions again by reading its segment from the start, so the segment size bounds that cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class FollowBenchmark {

    @Param({"kryo-framed"})
    public String layout;

    @Param({"in-process", "published"})
    public String follower;

    @Param({"128"})
    public int size;

    @Param({"64"})
    public int segmentKiB;

    private WalEntry[] entries;
    private int next;
    private Path directory;
    private WriteAheadLog log;
    private FollowCursor cursor;
    private Thread following;
    private volatile long followed = -1;
    private volatile long appendReturnedNanos;
    /** The LSN of the last append that returned, written after {@link #appendReturnedNanos}. */
    private volatile long appendReturnedLsn = -1;
    private volatile Thread waiter;
    private long[] delays = new long[1 << 16];
    private int delayCount;

    @Setup(Level.Trial)
    public void buildEntries() {
        entries = BenchEntries.pool(size);
    }

    @Setup(Level.Iteration)
    public void openLogAndFollow() {
        directory = BenchDirs.fresh("follow");
        log = BenchLogs.open(directory, Layout.parse(layout), SyncPolicy.everyWrite(), segmentKiB * 1024L);
        followed = -1;
        appendReturnedLsn = -1;
        waiter = Thread.currentThread();
        cursor = switch (follower) {
            case "in-process" -> log.follow(0);
            case "published" -> LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> { })
                    .follow(0, Duration.ofMillis(1));
            default -> throw new IllegalArgumentException("follower: in-process or published, was " + follower);
        };
        following = new Thread(this::follow, "bench-follower");
        following.setDaemon(true);
        following.start();
    }

    /** The follower thread: takes every record, says how far it got, wakes the waiting benchmark thread. */
    private void follow() {
        try (RecordCursor records = cursor) {
            while (!cursor.ended()) {
                Optional<LogRecord> taken = cursor.poll(Duration.ofMillis(100));
                if (taken.isEmpty()) {
                    continue;
                }
                LogRecord record = taken.get();
                long now = System.nanoTime();
                long returnedLsn = appendReturnedLsn;
                long returnedNanos = appendReturnedNanos;
                followed = record.lsn();
                if (delayCount < delays.length && returnedLsn <= record.lsn()) {
                    // Before its append returned, the follower had it already: no delay.
                    delays[delayCount++] = returnedLsn == record.lsn() ? Math.max(0, now - returnedNanos) : 0;
                }
                LockSupport.unpark(waiter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @TearDown(Level.Iteration)
    public void closeLog() throws InterruptedException {
        cursor.close();
        log.close();
        following.join();
        BenchDirs.delete(directory);
    }

    @TearDown(Level.Trial)
    public void printFollowerDelay() {
        if (delayCount == 0) {
            return;
        }
        long[] sorted = Arrays.copyOf(delays, delayCount);
        Arrays.sort(sorted);
        System.out.printf("follower delay after append returned (%s, %d samples): median %.1f us, p99 %.1f us%n",
                follower, sorted.length, sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3);
        delayCount = 0;
    }

    @Benchmark
    public long append() {
        long lsn = log.append(entries[next++ & BenchEntries.POOL_MASK]);
        appendReturnedNanos = System.nanoTime();
        appendReturnedLsn = lsn;
        return lsn;
    }

    @Benchmark
    public long appendUntilFollowed() {
        long lsn = log.append(entries[next++ & BenchEntries.POOL_MASK]);
        appendReturnedNanos = System.nanoTime();
        appendReturnedLsn = lsn;
        while (followed < lsn) {
            LockSupport.park(this);
        }
        return lsn;
    }
}
