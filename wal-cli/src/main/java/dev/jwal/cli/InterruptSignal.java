package dev.jwal.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) into an ordinary end for a command that runs until stopped ({@code dump --follow}):
 * while installed, the signal runs an action (which makes the command's loop end, so it flushes and exits 0)
 * instead of the JVM's default, which exits with 130. Closing it puts the previous handler back. Uses the
 * JDK's {@code sun.misc.Signal} (module {@code jdk.unsupported}), the one way a Java program handles a signal.
 * Not thread safe: install and close from one thread.
 */
final class InterruptSignal implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private InterruptSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Runs {@code action} (on a thread the JVM starts) when SIGINT arrives, until closed.
     *
     * @throws IllegalArgumentException if the signal cannot be handled (the JVM was started with {@code -Xrs})
     */
    static InterruptSignal onInterrupt(Runnable action) {
        return new InterruptSignal(Signal.handle(INT, signal -> action.run()));
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
