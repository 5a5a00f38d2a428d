package dev.jwal.core.retention;

import dev.jwal.api.LogProblem;
import dev.jwal.api.config.RetentionPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The log's maintenance: offers finished segments to the segment listeners ({@link SegmentShipping}) and
 * deletes old segments by the retention policy ({@link RetentionPlan}, {@link SegmentDeletion}), on one
 * daemon thread of its own, so that neither ever runs on an appending thread nor under the write lock (the
 * thread pauses appends only to list the directory). Passes are asked for when a segment starts (the one
 * before it is finished), after each checkpoint and when the log opens; requests that arrive while one is
 * queued share it. Closing runs a last pass that offers the sealed last segment and waits for it.
 *
 * <p>A log with no listener and the keep-all policy starts no thread: only explicit truncation deletes, as
 * before. Thread safe.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Path directory;
    private final RetentionPolicy policy;
    private final SegmentDeletion deletion;
    private final SegmentShipping shipping;
    private final MaintenanceProblems problems;
    private final Clock clock;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final AtomicBoolean retentionDue = new AtomicBoolean();
    private volatile ExecutorService thread;
    private volatile Thread maintenanceThread;
    private volatile LogView view;

    private Retention(WalConfig config, LogFileSystem fs, ReadContext context, long nextLsn, Clock clock) {
        this.directory = config.directory();
        this.policy = config.retentionPolicy();
        this.deletion = new SegmentDeletion(fs, directory);
        this.problems = new MaintenanceProblems(config.problemListener());
        this.shipping = new SegmentShipping(config.segmentListeners(), fs, directory, context, problems, nextLsn);
        this.clock = clock;
    }

    /**
     * The maintenance of the log {@code config} describes, not started yet.
     *
     * @param context how segments are read (their first record), silently: damage is reported by readers
     * @param nextLsn the log's next LSN as it opened
     */
    public static Retention of(WalConfig config, LogFileSystem fs, ReadContext context, long nextLsn) {
        return new Retention(config, fs, context, nextLsn, Clock.systemUTC());
    }

    /** What deletes segments, for explicit truncation too. */
    public SegmentDeletion deletion() {
        return deletion;
    }

    /** Whether there is anything to do in the background: a listener, or a policy that deletes. */
    private boolean needed() {
        return shipping.hasListeners() || !policy.keepsAll();
    }

    /**
     * Starts the thread, if needed, with a first pass: finished segments no listener took (an earlier process
     * finished them) are offered, and the policy applied.
     */
    public void start(LogView log) {
        this.view = log;
        if (!needed()) {
            return;
        }
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "jwal-maintenance-" + directory.getFileName());
            t.setDaemon(true);
            maintenanceThread = t;
            return t;
        });
        requestPass(true);
    }

    /** Told under the write lock that a segment starting at {@code firstLsn} began: the one before is finished. */
    public void segmentStarted(long firstLsn) {
        if (shipping.hasListeners()) {
            requestPass(false);
        }
    }

    /** Told after a checkpoint was persisted: offers what was not taken yet, then applies the policy. */
    public void checkpointed() {
        requestPass(true);
    }

    private void requestPass(boolean applyPolicy) {
        ExecutorService executor = thread;
        if (executor == null) {
            return;
        }
        if (applyPolicy) {
            retentionDue.set(true);
        }
        if (passQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> pass(false));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                passQueued.set(false);
            }
        }
    }

    /** One pass: offer, then apply the policy if asked. Never throws: failures are reported. */
    private void pass(boolean sealed) {
        passQueued.set(false);
        boolean applyPolicy = retentionDue.getAndSet(false);
        try {
            shipping.offer(view.snapshot(), sealed);
            if (applyPolicy) {
                applyPolicy();
            }
        } catch (RuntimeException e) {
            problems.report(LogProblem.Kind.RETENTION_FAILED, directory, -1, "a maintenance pass failed", e);
        }
    }

    /** Deletes the oldest segments the policy lets go, below the checkpoint and what the listeners took. */
    private void applyPolicy() {
        OptionalLong checkpoint = view.lastCheckpointLsn();
        if (policy.keepsAll() || checkpoint.isEmpty()) {
            return;
        }
        long keepFrom = Math.min(checkpoint.getAsLong() + 1, shipping.shippedBelow());
        try {
            deletion.delete(() -> plan(keepFrom), "retention " + policy + " (kept from LSN " + keepFrom + ")");
        } catch (WalException e) {
            problems.report(LogProblem.Kind.RETENTION_FAILED, directory, keepFrom,
                    "retention could not delete a segment; it tries again after the next checkpoint", e);
        }
    }

    private List<SegmentFile> plan(long keepFrom) {
        LogView.Snapshot snapshot = view.snapshot();
        List<SegmentStat> stats = new ArrayList<>();
        for (SegmentFile segment : snapshot.segments()) {
            stats.add(stat(segment, snapshot.active()));
        }
        return RetentionPlan.choose(stats, snapshot.activeFile(), keepFrom, policy, clock.instant());
    }

    private static SegmentStat stat(SegmentFile segment, SegmentBound active) {
        try {
            long bytes = active != null && active.segment().equals(segment) ? active.size()
                    : Files.size(segment.path());
            return new SegmentStat(segment, bytes,
                    Files.getLastModifiedTime(segment.path(), LinkOption.NOFOLLOW_LINKS).toInstant());
        } catch (IOException e) {
            throw new WalIOException("reading the size and time of a segment", segment.path(), e);
        }
    }

    /** Reports of listener and retention failures since open (they also go to the problem listener). */
    public long problemsReported() {
        return problems.count();
    }

    /**
     * Stops the maintenance: a last pass offers the segments finished since the last one (the last segment too
     * when {@code sealed}: the log closed cleanly), and this waits for it and for any pass under way, however
     * long the listeners take. An interrupt does not cut the wait short (it is kept for the caller).
     *
     * @param sealed whether the writer closed cleanly, so its last segment is finished
     */
    public void close(boolean sealed) {
        ExecutorService executor = thread;
        if (executor == null) {
            return;
        }
        thread = null;
        if (Thread.currentThread() == maintenanceThread) {
            // A listener closed the log: the pass under way is the last one.
            executor.shutdown();
            return;
        }
        executor.execute(() -> pass(sealed));
        executor.shutdown();
        awaitUninterruptibly(executor);
    }

    @Override
    public void close() {
        close(false);
    }

    private void awaitUninterruptibly(ExecutorService executor) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (executor.awaitTermination(10, TimeUnit.SECONDS)) {
                        return;
                    }
                    LOG.info("closing {}: waiting for the segment listeners", directory);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
