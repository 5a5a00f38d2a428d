package dev.jwal.cli;

/**
 * Configures slf4j-simple, the logging binding of the command, through its
 * system properties. Must run before the first logger is created, which is why
 * {@link WalCommand} calls {@link #configureDefaults()} from its static
 * initializer. A property already set (for example with {@code -D} on the
 * {@code java} command line) is left alone.
 */
final class CliLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    /**
     * The library reports each problem found while reading (torn tail, skipped
     * record) both in a WARN log line and to the problem listener; the command
     * prints the listener's report, so the log line would repeat it.
     */
    private static final String PROBLEM_REPORTER_LOGGER = "dev.jwal.core.read.ProblemReporter";

    private CliLogging() {
    }

    /** WARN and above, to standard error, one short line each. */
    static void configureDefaults() {
        setIfAbsent("defaultLogLevel", "warn");
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("log." + PROBLEM_REPORTER_LOGGER, "error");
        // BookKeeper and ZooKeeper warn about every peer that goes away, a bookie stopped on purpose included.
        setIfAbsent("log.org.apache.bookkeeper", "error");
        setIfAbsent("log.org.apache.zookeeper", "error");
        // A bookie that is down is retried and, if it stays down, replaced: the command reports what fails.
        setIfAbsent("log.org.apache.bookkeeper.proto.PerChannelBookieClient", "off");
        // "Problems reading lastMark (this is okay if it is the first time starting this bookie)", with a stack trace.
        setIfAbsent("log.org.apache.bookkeeper.bookie.Journal", "off");
    }

    /**
     * Lets jwal's own loggers through down to DEBUG. Takes effect for loggers
     * created afterwards, which in the {@code wal} process is all of jwal's,
     * since they are created when the library classes are first used.
     */
    static void verbose() {
        setIfAbsent("log.dev.jwal", "debug");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
