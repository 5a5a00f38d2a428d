package dev.jwal.core.retention;

import dev.jwal.api.LogProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reports what went wrong in the log's maintenance (a listener that threw, a segment retention could not
 * delete): logged at ERROR with the failure, counted, and handed to the application's problem listener.
 * Thread safe if the listener is.
 */
final class MaintenanceProblems {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceProblems.class);

    private final Consumer<LogProblem> listener;
    private final AtomicLong count = new AtomicLong();

    MaintenanceProblems(Consumer<LogProblem> listener) {
        this.listener = listener;
    }

    void report(LogProblem.Kind kind, Path segment, long lsn, String detail, Throwable failure) {
        count.incrementAndGet();
        LogProblem problem = new LogProblem(kind, segment, 0, lsn, detail + ": " + failure);
        LOG.error("{}", problem, failure);
        try {
            listener.accept(problem);
        } catch (RuntimeException e) {
            LOG.error("the problem listener failed on {}", problem, e);
        }
    }

    /** Problems reported since the log opened. */
    long count() {
        return count.get();
    }
}
