package dev.jwal.testkit;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.core.LogInspector;
import dev.jwal.core.VerifyReport;
import dev.jwal.core.Wal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * One power-loss experiment: open a log through a {@link SimulatedFileSystem},
 * run a {@link Workload} recording every call, cut the power (before a chosen
 * file operation, after a delay, or at the end), abandon the log, reopen the
 * directory with the real file system, and check it against what was
 * acknowledged under the config's sync policy ({@link DurabilityPromise}). The
 * reopened log must then take an append and verify clean.
 *
 * <pre>{@code
 * PowerLossRun.builder(WalConfig.builder(dir).syncPolicy(SyncPolicy.everyWrite()).build())
 *         .workload(RandomWorkload.builder(seed).operations(50).threads(4).build())
 *         .cutPowerAtRandomOperation(200, new Random(seed))
 *         .powerLoss(PowerLossOptions.keepRandomPrefix(seed))
 *         .build()
 *         .run();                       // throws AssertionError if an acknowledged entry was lost
 * }</pre>
 */
public final class PowerLossRun {
    private static final WalEntry PROBE = new WalEntry.CreateNamespace("jwal-testkit-probe");

    private final WalConfig config;
    private final Workload workload;
    private final long cutBeforeOperation;
    private final Duration cutAfter;
    private final PowerLossOptions options;

    private PowerLossRun(Builder builder) {
        this.config = builder.config;
        this.workload = Objects.requireNonNull(builder.workload, "a workload is required");
        this.cutBeforeOperation = builder.cutBeforeOperation;
        this.cutAfter = builder.cutAfter;
        this.options = builder.options;
    }

    /** A run on the log {@code config} describes (its directory is where the log lives). */
    public static Builder builder(WalConfig config) {
        return new Builder(config);
    }

    /**
     * Runs the experiment.
     *
     * @return what the check found, when the promise was kept
     * @throws AssertionError if the workload failed before the power loss, the log did not reopen, broke
     *                        its durability promise, refused an append after reopening, or did not
     *                        verify clean; the message names the run and lists every call
     */
    public Result run() throws Exception {
        SimulatedFileSystem fs = new SimulatedFileSystem();
        if (cutBeforeOperation > 0) {
            fs.inject(FaultPlan.builder().powerLossBefore(cutBeforeOperation, options).build());
        }
        AcknowledgedHistory history = new AcknowledgedHistory();
        WriteAheadLog log = null;
        try {
            log = Wal.open(config, fs);
        } catch (WalException e) {
            if (!fs.isPoweredOff()) {
                throw new AssertionError(this + ": the log did not open before the power loss", e);
            }
        }
        boolean cutDuringWorkload = log == null;
        if (log != null) {
            Thread timer = cutAfter == null ? null : startTimer(fs);
            try {
                workload.run(log, history);
            } catch (WalException e) {
                if (!fs.isPoweredOff()) {
                    throw new AssertionError(this + ": the workload failed before the power loss", e);
                }
            } finally {
                if (timer != null) {
                    timer.interrupt();
                    timer.join();
                }
            }
            cutDuringWorkload = fs.isPoweredOff();
            cutPower(fs);
        }
        DurabilityPromise promise = DurabilityPromise.of(config.syncPolicy(), fs, config.directory());
        if (log != null) {
            SimulatedFileSystem.closeAbandoned(log);
        }
        HistoryReport report = reopenAndCheck(history, promise);
        if (!report.ok()) {
            throw new AssertionError(this + (cutDuringWorkload ? " (cut during the workload)" : " (cut at the end)")
                    + ": " + report.summary() + "\n  " + String.join("\n  ", report.violations())
                    + "\ncalls:\n" + history.describe());
        }
        return new Result(report, cutDuringWorkload, fs.operations());
    }

    private HistoryReport reopenAndCheck(AcknowledgedHistory history, DurabilityPromise promise) {
        List<String> problems = new ArrayList<>();
        HistoryReport report;
        long probeLsn = -1;
        WriteAheadLog reopened;
        try {
            reopened = Wal.open(config);
        } catch (RuntimeException e) {
            throw new AssertionError(this + ": the log does not reopen after the power loss: " + e
                    + "\ncalls:\n" + history.describe(), e);
        }
        try (reopened) {
            report = history.check(reopened, promise);
            long expected = reopened.nextLsn();
            probeLsn = reopened.append(PROBE);
            if (probeLsn != expected) {
                problems.add("after reopening, an append got LSN " + probeLsn + " instead of " + expected);
            }
        } catch (WalException e) {
            throw new AssertionError(this + ": the reopened log refused an append: " + e, e);
        }
        List<LogProblem> found = new ArrayList<>();
        VerifyReport verify = LogInspector.open(config.directory(), RecoveryMode.STRICT, found::add).verify();
        if (!verify.clean()) {
            problems.add("the reopened log does not verify clean: " + verify.problems());
        }
        if (verify.lastLsn() != probeLsn) {
            problems.add("the append after reopening (LSN " + probeLsn + ") is not the last record (" + verify.lastLsn()
                    + ")");
        }
        if (problems.isEmpty()) {
            return report;
        }
        List<String> violations = new ArrayList<>(report.violations());
        violations.addAll(problems);
        return new HistoryReport(report.acknowledgedRecords(), report.requiredRecords(), report.recoveredRecords(),
                report.lostAcknowledged(), report.recoveredUnacknowledged(), report.checkpointLsn(), violations);
    }

    private Thread startTimer(SimulatedFileSystem fs) {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(cutAfter.toMillis(), cutAfter.toNanosPart() % 1_000_000);
                cutPower(fs);
            } catch (InterruptedException e) {
                // The workload ended first; the run cuts the power itself.
            }
        }, "jwal-power-cut");
        timer.setDaemon(true);
        timer.start();
        return timer;
    }

    private void cutPower(SimulatedFileSystem fs) {
        try {
            fs.powerLoss(options);
        } catch (IllegalStateException alreadyOff) {
            // The plan or the timer cut it first.
        }
    }

    @Override
    public String toString() {
        String cut = cutBeforeOperation > 0 ? "before operation " + cutBeforeOperation
                : cutAfter != null ? "after " + cutAfter.toMillis() + " ms" : "at the end";
        return "PowerLossRun[" + config.format() + "/" + config.codec() + ", " + config.syncPolicy() + ", segments of "
                + config.segmentSize() + " bytes, " + workload + ", power cut " + cut + ", " + options + "]";
    }

    /**
     * What a run found.
     *
     * @param report            the comparison of the reopened log with the acknowledged history
     * @param cutDuringWorkload whether the power went while the workload ran (rather than after it ended)
     * @param operations        file operations attempted through the simulated file system
     */
    public record Result(HistoryReport report, boolean cutDuringWorkload, long operations) {
    }

    /** Configures a {@link PowerLossRun}; not thread safe. */
    public static final class Builder {
        private final WalConfig config;
        private Workload workload;
        private long cutBeforeOperation = -1;
        private Duration cutAfter;
        private PowerLossOptions options = PowerLossOptions.dropUnsynced();

        private Builder(WalConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** What runs before the power goes (required). */
        public Builder workload(Workload workload) {
            this.workload = Objects.requireNonNull(workload, "workload");
            return this;
        }

        /**
         * Cuts the power just before the {@code nth} file operation (counting from 1, opening the log
         * included), or at the end if the workload makes fewer.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder cutPowerBeforeOperation(long nth) {
            if (nth < 1) {
                throw new IllegalArgumentException("operations are counted from 1, was " + nth);
            }
            this.cutBeforeOperation = nth;
            this.cutAfter = null;
            return this;
        }

        /** Cuts the power before an operation drawn from 1 to {@code bound} by {@code random}. */
        public Builder cutPowerAtRandomOperation(long bound, Random random) {
            return cutPowerBeforeOperation(1 + random.nextLong(bound));
        }

        /** Cuts the power from another thread {@code delay} after the workload starts, or at its end. */
        public Builder cutPowerAfter(Duration delay) {
            this.cutAfter = Objects.requireNonNull(delay, "delay");
            this.cutBeforeOperation = -1;
            return this;
        }

        /** What the power loss does with unforced bytes; default {@link PowerLossOptions#dropUnsynced()}. */
        public Builder powerLoss(PowerLossOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The run. */
        public PowerLossRun build() {
            return new PowerLossRun(this);
        }
    }
}
