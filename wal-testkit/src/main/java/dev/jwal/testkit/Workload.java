package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;

/**
 * What a {@link PowerLossRun} does to the log before the power goes: make calls
 * through the {@link AcknowledgedHistory} so that they are recorded. It may be
 * cut short at any moment: once the power is off, calls throw
 * ({@code WalIOException}, then {@code WalFailedException}), and the workload
 * should stop (the run treats a {@code WalException} thrown after the power
 * loss as the expected end).
 */
@FunctionalInterface
public interface Workload {

    /** Runs against {@code log}, recording every call in {@code history}. */
    void run(WriteAheadLog log, AcknowledgedHistory history) throws Exception;
}
