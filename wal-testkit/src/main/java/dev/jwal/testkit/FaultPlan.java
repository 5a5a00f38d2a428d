package dev.jwal.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The faults a {@link SimulatedFileSystem} injects: failed operations, short
 * writes, a full disk, a power loss or a process crash before a chosen
 * operation, and hooks that run before one. Immutable; built with
 * {@link #builder()} and handed to {@link SimulatedFileSystem#inject(FaultPlan)}.
 * Operations are counted from the moment the plan is injected, from 1, each
 * {@link FileOperation} on its own (and all of them together for
 * {@link Builder#powerLossBefore} and {@link Builder#crashProcessBefore}).
 *
 * <pre>{@code
 * fs.inject(FaultPlan.builder()
 *         .failNth(FileOperation.FORCE, 3)        // the third force from now throws IOException
 *         .shortWriteNth(5)                       // the fifth write writes half its bytes, then throws
 *         .freeSpace(64 * 1024)                   // then the disk is full
 *         .build());
 * }</pre>
 */
public final class FaultPlan {
    private static final FaultPlan NONE = builder().build();

    private final List<Rule> rules;
    private final long freeSpace;
    private final long powerLossBefore;
    private final PowerLossOptions powerLossOptions;
    private final long crashBefore;

    private FaultPlan(Builder builder) {
        this.rules = List.copyOf(builder.rules);
        this.freeSpace = builder.freeSpace;
        this.powerLossBefore = builder.powerLossBefore;
        this.powerLossOptions = builder.powerLossOptions;
        this.crashBefore = builder.crashBefore;
    }

    /** No faults, unlimited space. */
    public static FaultPlan none() {
        return NONE;
    }

    /** An empty plan to add faults to. */
    public static Builder builder() {
        return new Builder();
    }

    List<Rule> rules() {
        return rules;
    }

    /** Bytes that may still be written before the disk is full, or -1 for no limit. */
    long freeSpace() {
        return freeSpace;
    }

    /** The operation (counting all kinds, from 1) before which the power fails, or -1. */
    long powerLossBefore() {
        return powerLossBefore;
    }

    PowerLossOptions powerLossOptions() {
        return powerLossOptions;
    }

    /** The operation (counting all kinds, from 1) before which the process crashes, or -1. */
    long crashBefore() {
        return crashBefore;
    }

    @Override
    public String toString() {
        return "FaultPlan" + rules + (freeSpace >= 0 ? " freeSpace=" + freeSpace : "")
                + (powerLossBefore > 0 ? " powerLossBefore=" + powerLossBefore + " " + powerLossOptions : "")
                + (crashBefore > 0 ? " crashBefore=" + crashBefore : "");
    }

    /** What happens at the {@code nth} operation of kind {@code operation}. */
    record Rule(FileOperation operation, long nth, Kind kind, long shortWriteBytes, Runnable hook, long delayNanos) {
        boolean appliesTo(long count) {
            return kind == Kind.FAIL_FROM || kind == Kind.SLOW_FROM ? count >= nth : count == nth;
        }

        @Override
        public String toString() {
            return kind + "(" + operation + " #" + nth + (kind == Kind.SLOW_FROM ? " +" + delayNanos + "ns" : "") + ")";
        }
    }

    /** The kinds of rule. */
    enum Kind { FAIL, FAIL_FROM, SHORT_WRITE, HOOK, SLOW_FROM }

    /** Collects faults; not thread safe. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private long freeSpace = -1;
        private long powerLossBefore = -1;
        private PowerLossOptions powerLossOptions = PowerLossOptions.dropUnsynced();
        private long crashBefore = -1;

        private Builder() {
        }

        /**
         * The {@code nth} {@code operation} throws an {@link java.io.IOException} without doing
         * anything (later ones succeed).
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder failNth(FileOperation operation, long nth) {
            return add(operation, nth, Kind.FAIL, 0, null);
        }

        /**
         * The {@code nth} {@code operation} and every later one throw an {@link java.io.IOException}
         * without doing anything: a device that stopped working.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder failFrom(FileOperation operation, long nth) {
            return add(operation, nth, Kind.FAIL_FROM, 0, null);
        }

        /**
         * The {@code nth} write writes the first half of its bytes, then throws an
         * {@link java.io.IOException}: the seam's write promises every byte, so a short write is a
         * failure that has changed the file.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder shortWriteNth(long nth) {
            return add(FileOperation.WRITE, nth, Kind.SHORT_WRITE, -1, null);
        }

        /**
         * The {@code nth} write writes {@code bytes} of its bytes (at most all but one), then throws an
         * {@link java.io.IOException}.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1 or {@code bytes} is negative
         */
        public Builder shortWriteNth(long nth, long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("a short write writes at least 0 bytes, was " + bytes);
            }
            return add(FileOperation.WRITE, nth, Kind.SHORT_WRITE, bytes, null);
        }

        /**
         * Runs {@code hook} in the calling thread just before the {@code nth} {@code operation}, outside
         * the file system's lock: to pause an operation (and open a race window), count or observe.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder onNth(FileOperation operation, long nth, Runnable hook) {
            return add(operation, nth, Kind.HOOK, 0, Objects.requireNonNull(hook, "hook"));
        }

        /**
         * Every {@code operation} from the plan's injection on takes {@code delay} longer, as a slow disk's
         * fsync does: the calling thread sleeps for {@code delay} just before the operation, after its hooks
         * and outside the file system's lock (other threads' operations go on meanwhile), then the operation
         * runs as it would have, so a slow {@link FileOperation#FORCE} makes durable what was written until it
         * ends. An interrupt does not cut the sleep short, as it does not cut a real fsync short: the thread
         * sleeps the whole delay and its interrupt flag is still set afterwards. Another plan injected
         * meanwhile does not shorten a sleep already begun.
         *
         * <pre>{@code
         * fs.inject(FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(300)).build());
         * }</pre>
         *
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder slow(FileOperation operation, Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay is at least zero, was " + delay);
            }
            Objects.requireNonNull(operation, "operation");
            rules.add(new Rule(operation, 1, Kind.SLOW_FROM, 0, null, delay.toNanos()));
            return this;
        }

        /**
         * The disk can take {@code bytes} more bytes (written by appends and into temporary files);
         * a write that does not fit writes what does, then throws
         * {@code IOException("No space left on device")}. Truncating and deleting files gives space
         * back; {@link SimulatedFileSystem#freeSpace()} lifts the limit.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder freeSpace(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("free space must be >= 0 bytes, was " + bytes);
            }
            this.freeSpace = bytes;
            return this;
        }

        /**
         * The power fails just before the {@code nth} operation (of any kind, from 1): that operation
         * and every later one throw, and the disk is put back in its durable state as
         * {@link SimulatedFileSystem#powerLoss(PowerLossOptions)} does.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder powerLossBefore(long nth, PowerLossOptions options) {
            checkNth(nth);
            this.powerLossBefore = nth;
            this.powerLossOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The process crashes just before the {@code nth} operation (of any kind, from 1), as
         * {@link SimulatedFileSystem#crashProcess()} does: that operation and every later one throw until
         * {@link SimulatedFileSystem#restart()}; what was written stays.
         *
         * @throws IllegalArgumentException if {@code nth} is below 1
         */
        public Builder crashProcessBefore(long nth) {
            checkNth(nth);
            this.crashBefore = nth;
            return this;
        }

        /** The plan. */
        public FaultPlan build() {
            return new FaultPlan(this);
        }

        private Builder add(FileOperation operation, long nth, Kind kind, long bytes, Runnable hook) {
            Objects.requireNonNull(operation, "operation");
            checkNth(nth);
            rules.add(new Rule(operation, nth, kind, bytes, hook, 0));
            return this;
        }

        private static void checkNth(long nth) {
            if (nth < 1) {
                throw new IllegalArgumentException("operations are counted from 1, was " + nth);
            }
        }
    }
}
