package dev.jwal.core.io;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Runs file operations so that the calling thread's interrupt cannot abort them half way. The JDK's
 * {@link java.nio.channels.FileChannel} closes itself when a thread blocked in it, or entering it with its
 * interrupt flag set, is interrupted; for a log that would turn an interrupt into a failed write or force
 * and fail the whole log. Here the flag is cleared for the operation, an operation that the channel's
 * closing aborted anyway ({@link ClosedByInterruptException}) is repeated from its start, and the flag is set again before returning, so the caller still sees its interrupt.
 * Operations must be safe to repeat; each opens its own channels (the appending {@code ChannelFile}
 * handles its long-lived channel itself). Stateless, thread safe.
 */
final class Uninterruptibly {
    private Uninterruptibly() {
    }

    /** An operation on files that may be repeated after an interrupt aborted it. */
    @FunctionalInterface
    interface Operation<T> {
        T run() throws IOException;
    }

    static <T> T call(Operation<T> operation) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return operation.run();
                } catch (ClosedByInterruptException e) {
                    Thread.interrupted();
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void run(Operation<Void> operation) throws IOException {
        call(operation);
    }
}
