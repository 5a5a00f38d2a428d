package dev.jwal.testkit;

import java.io.IOException;

/**
 * What every operation of a {@link SimulatedFileSystem} throws once its power
 * is off or its process has crashed (until {@link SimulatedFileSystem#restart()}),
 * and what a file opened before the last crash throws for ever: a log abandoned
 * by a simulated crash can neither write nor force any more, so closing it
 * cannot undo the crash.
 */
public final class SimulatedCrashException extends IOException {
    private static final long serialVersionUID = 1L;

    SimulatedCrashException(String message) {
        super(message);
    }
}
