package dev.jwal.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Whether and how each step of a {@link SimulatedFileSystem} runs: counts it,
 * asks the injected {@link FaultPlan} what it meets, runs the plan's hooks and
 * delays outside the lock, then under the lock cuts the power, crashes the
 * process, fails the step or runs it on the {@link SimulatedDisk}. Keeps the
 * power state (on, off, crashed) and the power cycle a file was opened in.
 * Owns the one monitor that serializes every operation.
 */
final class StepRunner {
    private final Object monitor = new Object();
    private final SimulatedDisk disk;
    private final Map<FileOperation, Long> attempted = new EnumMap<>(FileOperation.class);
    private FaultState faults = new FaultState(FaultPlan.none());
    private boolean poweredOff;
    private boolean crashed;
    private long epoch;

    StepRunner(SimulatedDisk disk) {
        this.disk = disk;
    }

    /** What a step does once allowed to run, under the monitor. */
    @FunctionalInterface
    interface Body<T> {
        T run(FaultState.Decision decision, FaultState faults, long epoch) throws IOException;
    }

    /** Something read under the monitor. */
    @FunctionalInterface
    interface Read<T> {
        T read() throws IOException;
    }

    <T> T locked(Read<T> read) throws IOException {
        synchronized (monitor) {
            return read.read();
        }
    }

    void inject(FaultPlan plan) {
        synchronized (monitor) {
            faults = new FaultState(plan);
        }
    }

    void unlimitedSpace() {
        synchronized (monitor) {
            faults.unlimitedSpace();
        }
    }

    /** @throws IllegalStateException if the power is already off */
    void powerLoss(PowerLossOptions options) throws IOException {
        synchronized (monitor) {
            if (poweredOff) {
                throw new IllegalStateException("the power is already off");
            }
            cutPower(options);
        }
    }

    boolean isPoweredOff() {
        synchronized (monitor) {
            return poweredOff;
        }
    }

    /** @throws IllegalStateException if the power is off or the process already crashed */
    void crashProcess() {
        synchronized (monitor) {
            if (poweredOff || crashed) {
                throw new IllegalStateException(poweredOff ? "the power is off" : "the process already crashed");
            }
            crashed = true;
        }
    }

    boolean isCrashed() {
        synchronized (monitor) {
            return crashed;
        }
    }

    /** @throws IllegalStateException if neither the power was cut nor the process crashed */
    void restart() {
        synchronized (monitor) {
            if (!poweredOff && !crashed) {
                throw new IllegalStateException("nothing to restart from: cut the power with powerLoss() or "
                        + "crash the process with crashProcess() first");
            }
            if (poweredOff) {
                disk.forget();
            }
            poweredOff = false;
            crashed = false;
            epoch++;
            faults = new FaultState(FaultPlan.none());
        }
    }

    long operations(FileOperation operation) {
        synchronized (monitor) {
            return attempted.getOrDefault(operation, 0L);
        }
    }

    long operations() {
        synchronized (monitor) {
            return attempted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Runs one step: counts it, runs the plan's hooks and then its delay outside the lock, then under it
     * cuts the power, fails the step (running {@code onFailure} first) or runs {@code body}.
     *
     * @param fileEpoch the power cycle a file was opened in, or -1 for an operation on a path
     */
    <T> T step(FileOperation operation, Path target, long fileEpoch, Runnable onFailure, Body<T> body)
            throws IOException {
        FaultState.Decision decision;
        synchronized (monitor) {
            ensurePowered(operation, target, fileEpoch);
            attempted.merge(operation, 1L, Long::sum);
            decision = faults.next(operation);
        }
        for (Runnable hook : decision.hooks()) {
            hook.run();
        }
        decision.sleepUninterruptibly();
        synchronized (monitor) {
            ensurePowered(operation, target, fileEpoch);
            if (decision.powerLoss() != null) {
                cutPower(decision.powerLoss());
                throw new SimulatedCrashException("simulated power loss before " + operation + " of " + target);
            }
            if (decision.crash()) {
                crashed = true;
                throw new SimulatedCrashException("simulated process crash before " + operation + " of " + target);
            }
            if (decision.fail()) {
                if (onFailure != null) {
                    onFailure.run();
                }
                throw decision.failure(target);
            }
            // As wal-core's standard file system, an interrupt aborts nothing: the real file's channel would
            // close if the flag were set while it is used, so the flag is cleared meanwhile and set again.
            boolean interrupted = Thread.interrupted();
            try {
                return body.run(decision, faults, epoch);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void ensurePowered(FileOperation operation, Path target, long fileEpoch) throws SimulatedCrashException {
        if (poweredOff) {
            throw new SimulatedCrashException("the power is off (simulated power loss): " + operation + " of " + target
                    + " refused");
        }
        if (crashed) {
            throw new SimulatedCrashException("the process crashed (simulated): " + operation + " of " + target
                    + " refused until restart()");
        }
        if (fileEpoch >= 0 && fileEpoch != epoch) {
            throw new SimulatedCrashException(target + " was opened before a simulated crash: " + operation
                    + " refused");
        }
    }

    private void cutPower(PowerLossOptions options) throws IOException {
        poweredOff = true;
        crashed = false;
        disk.cutPower(options);
    }
}
