package dev.jwal.core.read;

import dev.jwal.api.LogProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Logs every problem at WARN and hands it to the application's listener. Thread safe if the listener is. */
public final class ProblemReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemReporter.class);

    /** Reports to nobody: for look-ahead passes whose problems the main pass reports. */
    public static final ProblemReporter SILENT = new ProblemReporter(null);

    private final Consumer<LogProblem> listener;
    private final boolean logged;

    public ProblemReporter(Consumer<LogProblem> listener) {
        this(listener, true);
    }

    private ProblemReporter(Consumer<LogProblem> listener, boolean logged) {
        this.listener = listener;
        this.logged = logged;
    }

    /** Hands problems to {@code listener} without logging them: for passes that only need to know of damage. */
    public static ProblemReporter unlogged(Consumer<LogProblem> listener) {
        return new ProblemReporter(listener, false);
    }

    public void report(LogProblem problem) {
        if (this == SILENT) {
            return;
        }
        if (logged) {
            LOG.warn("{}", problem);
        }
        try {
            listener.accept(problem);
        } catch (RuntimeException e) {
            LOG.error("the problem listener failed on {}", problem, e);
        }
    }
}
