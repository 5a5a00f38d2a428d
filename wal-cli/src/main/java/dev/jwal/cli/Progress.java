package dev.jwal.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The progress of a long run on standard error, drawn by
 * {@code me.tongfei:progressbar}: the count, a percentage and a bar when the
 * total is known, the rate, and an extra message (records, bytes). It appears
 * only once the run has lasted {@link #delay}, so a quick command prints
 * nothing, and is erased when the run ends, so what the command reports after
 * it stands alone. {@link #NONE} draws nothing: commands use it when standard
 * error is not a terminal ({@link LogCommand#progress}).
 *
 * <p>{@link #update} may be called as often as each record: it reads the
 * clock and moves a counter; the message is rebuilt a few times a second.
 * Not thread safe: one thread updates it.
 */
class Progress implements AutoCloseable {
    /** Draws nothing. */
    static final Progress NONE = new Progress();

    /** A run shorter than this shows no progress (tests of what is drawn set it to zero). */
    static volatile Duration delay = Duration.ofMillis(700);
    private static final int REFRESH_MILLIS = 200;
    private static final long REFRESH_NANOS = REFRESH_MILLIS * 1_000_000L;

    private Progress() {
    }

    /**
     * Progress drawn on {@code err}.
     *
     * @param task     what is done, e.g. {@code verify}
     * @param unitName the unit of the count ({@code "MiB"}; empty for plain counts such as records)
     * @param unitSize how many of the counted things make one unit (1 for records, 1 MiB for bytes)
     * @param total    the count at the end, or -1 if unknown (no percentage then); asked only when the bar
     *                 first shows, so that a quick run never pays for finding it out
     * @param extra    the message shown after the bar, given the count (e.g. "1.2 MiB written")
     */
    static Progress on(PrintStream err, String task, String unitName, long unitSize, LongSupplier total,
                       LongFunction<String> extra) {
        return new Drawn(err, task, unitName, unitSize, total, extra);
    }

    /** Moves the count to {@code current}. */
    void update(long current) {
    }

    /** Whether this draws anything (it is not {@link #NONE}): work done only for the bar can be skipped if not. */
    boolean drawn() {
        return false;
    }

    /** Ends it: the bar, if shown, is erased. */
    @Override
    public void close() {
    }

    private static final class Drawn extends Progress {
        private final PrintStream err;
        private final String task;
        private final String unitName;
        private final long unitSize;
        private final LongSupplier total;
        private final LongFunction<String> extra;
        private final long startNanos = System.nanoTime();
        private ProgressBar bar;
        private long lastExtraNanos = startNanos - REFRESH_NANOS;

        Drawn(PrintStream err, String task, String unitName, long unitSize, LongSupplier total,
              LongFunction<String> extra) {
            this.err = err;
            this.task = task;
            this.unitName = unitName;
            this.unitSize = unitSize;
            this.total = total;
            this.extra = extra;
        }

        @Override
        void update(long current) {
            long now = System.nanoTime();
            if (bar == null) {
                Duration elapsed = Duration.ofNanos(now - startNanos);
                if (elapsed.compareTo(delay) < 0) {
                    return;
                }
                bar = new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total.getAsLong())
                        .setUnit(unitName, unitSize)
                        .showSpeed()
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(REFRESH_MILLIS)
                        .clearDisplayOnFinish()
                        .startsFrom(0, elapsed)
                        .setConsumer(new ConsoleProgressBarConsumer(err))
                        .build();
            }
            bar.stepTo(current);
            if (now - lastExtraNanos >= REFRESH_NANOS) {
                lastExtraNanos = now;
                bar.setExtraMessage(" " + extra.apply(current));
            }
        }

        @Override
        boolean drawn() {
            return true;
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
