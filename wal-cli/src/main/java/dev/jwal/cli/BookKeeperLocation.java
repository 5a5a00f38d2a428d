package dev.jwal.cli;

import dev.jwal.bookkeeper.BookKeeperWalConfig;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log on a BookKeeper cluster as the {@code wal} command takes it in place of a directory:
 * {@code bk://HOST:PORT/NAME}, HOST:PORT the cluster's ZooKeeper, NAME letters, digits, {@code -} and {@code _}.
 *
 * @param zooKeeper {@code HOST:PORT}
 * @param logName   the log's name; empty for a cluster without a log ({@code wal sandbox --join})
 */
record BookKeeperLocation(String zooKeeper, String logName) {
    static final String SCHEME = "bk://";
    private static final Pattern LOCATION = Pattern.compile("bk://([^/:\\s]+:\\d{1,5})(?:/(.*))?");

    /**
     * The location a command's directory argument names, if it is one: picocli hands {@code bk://h:p/n} over as
     * the path {@code bk:/h:p/n}.
     *
     * @throws CliFailure (bad input) if it starts like a location but is not a valid one
     */
    static Optional<BookKeeperLocation> of(Path argument) {
        String text = argument.toString();
        if (!text.startsWith("bk:/")) {
            return Optional.empty();
        }
        return Optional.of(parse(SCHEME + text.substring("bk:/".length()).replaceFirst("^/+", ""), true));
    }

    /**
     * Parses {@code bk://HOST:PORT/NAME}, or {@code bk://HOST:PORT} when {@code needsName} is false.
     *
     * @throws CliFailure (bad input) naming what is wrong
     */
    static BookKeeperLocation parse(String text, boolean needsName) {
        Matcher matcher = LOCATION.matcher(text);
        if (!matcher.matches()) {
            throw CliFailure.badInput("'" + text + "' is not a BookKeeper location: expected " + SCHEME
                    + "HOST:PORT/NAME, HOST:PORT the cluster's ZooKeeper", null);
        }
        String zooKeeper = matcher.group(1);
        int port = Integer.parseInt(zooKeeper.substring(zooKeeper.lastIndexOf(':') + 1));
        if (port < 1 || port > 65_535) {
            throw CliFailure.badInput("'" + text + "' names port " + port + "; a port is 1 to 65535", null);
        }
        String name = matcher.group(2) == null ? "" : matcher.group(2);
        if (needsName) {
            try {
                BookKeeperWalConfig.checkLogName(name);
            } catch (IllegalArgumentException e) {
                throw CliFailure.badInput("'" + text + "': " + e.getMessage(), e);
            }
        } else if (!name.isEmpty()) {
            throw CliFailure.badInput("'" + text + "' names a log; expected the cluster alone, " + SCHEME
                    + "HOST:PORT", null);
        }
        return new BookKeeperLocation(zooKeeper, name);
    }

    @Override
    public String toString() {
        return SCHEME + zooKeeper + (logName.isEmpty() ? "" : "/" + logName);
    }
}
