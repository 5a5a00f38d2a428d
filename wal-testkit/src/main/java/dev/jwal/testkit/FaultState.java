package dev.jwal.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An injected {@link FaultPlan} at work: counts operations from the moment it
 * was injected, decides what each one meets, and keeps the free space. Guarded
 * by the file system's monitor.
 */
final class FaultState {
    /** What the short write of a rule writes when no byte count was given: half. */
    static final long HALF = -1;
    private static final long NO_SHORT_WRITE = -2;

    private final FaultPlan plan;
    private final Map<FileOperation, Long> counts = new EnumMap<>(FileOperation.class);
    private long total;
    private long freeBytes;

    FaultState(FaultPlan plan) {
        this.plan = plan;
        this.freeBytes = plan.freeSpace() < 0 ? Long.MAX_VALUE : plan.freeSpace();
    }

    /** Counts one more {@code operation} and says what it meets. */
    Decision next(FileOperation operation) {
        long nth = counts.merge(operation, 1L, Long::sum);
        total++;
        boolean fail = false;
        long shortWrite = NO_SHORT_WRITE;
        List<Runnable> hooks = new ArrayList<>();
        long delayNanos = 0;
        for (FaultPlan.Rule rule : plan.rules()) {
            if (rule.operation() != operation || !rule.appliesTo(nth)) {
                continue;
            }
            switch (rule.kind()) {
                case FAIL, FAIL_FROM -> fail = true;
                case SHORT_WRITE -> shortWrite = rule.shortWriteBytes();
                case HOOK -> hooks.add(rule.hook());
                case SLOW_FROM -> delayNanos += rule.delayNanos();
                default -> throw new AssertionError(rule.kind());
            }
        }
        boolean powerLoss = plan.powerLossBefore() == total;
        boolean crash = plan.crashBefore() == total;
        return new Decision(operation, nth, fail, shortWrite, powerLoss ? plan.powerLossOptions() : null, crash,
                hooks, delayNanos);
    }

    /** Bytes that may still be written: {@code Long.MAX_VALUE} without a limit. */
    long freeBytes() {
        return freeBytes;
    }

    void consume(long bytes) {
        if (freeBytes != Long.MAX_VALUE) {
            freeBytes -= bytes;
        }
    }

    void release(long bytes) {
        if (freeBytes != Long.MAX_VALUE && bytes > 0) {
            freeBytes = Math.min(Long.MAX_VALUE - 1, freeBytes + bytes);
        }
    }

    void unlimitedSpace() {
        freeBytes = Long.MAX_VALUE;
    }

    /**
     * What one operation meets.
     *
     * @param operation  the operation
     * @param nth        its number since the plan was injected, from 1
     * @param fail       whether it throws without doing anything
     * @param shortWrite for a write: how many bytes to write before throwing ({@link #HALF} for half), or
     *                   below that for a full write
     * @param powerLoss  the power loss to apply before it, or null
     * @param crash      whether the process crashes before it
     * @param hooks      to run before it, outside the lock
     * @param delayNanos how long the calling thread sleeps before it, after the hooks, outside the lock
     */
    record Decision(FileOperation operation, long nth, boolean fail, long shortWrite, PowerLossOptions powerLoss,
                    boolean crash, List<Runnable> hooks, long delayNanos) {

        /**
         * Sleeps {@link #delayNanos} in full, as a slow disk operation takes its time: an interrupt does not
         * end the sleep, and the thread's interrupt flag is set again afterwards.
         */
        void sleepUninterruptibly() {
            long until = System.nanoTime() + delayNanos;
            boolean interrupted = false;
            for (long left = delayNanos; left > 0; left = until - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        boolean isShortWrite() {
            return shortWrite >= HALF;
        }

        /** How many of {@code total} bytes a short write writes. */
        long shortWriteBytes(long total) {
            long bytes = shortWrite == HALF ? total / 2 : shortWrite;
            return Math.max(0, Math.min(bytes, total - 1));
        }

        IOException failure(Object target) {
            return new IOException("injected " + operation + " failure (#" + nth + " since the plan was injected) on "
                    + target);
        }
    }
}
