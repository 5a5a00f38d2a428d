package dev.jwal.cli;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Which of the process's standard streams are terminals, so that progress is
 * drawn only where someone watches it and never into a pipe or a file.
 *
 * <p>Java 17 cannot ask this of one stream ({@link System#console()} needs
 * standard input and output both to be terminals, and says nothing of standard
 * error). The {@code bin/wal} launcher asks the shell ({@code test -t}) and
 * passes the answer as {@code -Dwal.tty=012} (the descriptors that are
 * terminals; empty for none). Run without it ({@code java -jar wal.jar}),
 * {@link #detect()} asks {@code sh} itself once, lazily, on a POSIX system, and
 * takes none as terminals elsewhere.
 */
public interface Terminals {
    /** The system property the launcher sets. */
    String PROPERTY = "wal.tty";

    /** Whether standard input (0), output (1) or error (2) is a terminal. */
    boolean isTerminal(int fd);

    /** No stream is a terminal: in-memory streams, pipes, files. */
    static Terminals none() {
        return fd -> false;
    }

    /** Every stream is a terminal (tests of what a terminal shows). */
    static Terminals all() {
        return fd -> true;
    }

    /** The process's standard streams, found out on first use and remembered. */
    static Terminals detect() {
        return new Terminals() {
            private volatile String terminals;

            @Override
            public boolean isTerminal(int fd) {
                String known = terminals;
                if (known == null) {
                    known = detected();
                    terminals = known;
                }
                return known.indexOf(Character.forDigit(fd, 10)) >= 0;
            }
        };
    }

    /** The descriptors among 0, 1 and 2 that are terminals, as digits. */
    private static String detected() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return given;
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return "";
        }
        try {
            // The child inherits all three streams; its exit code has bit fd set for each terminal.
            Process test = new ProcessBuilder("sh", "-c",
                    "r=0; [ -t 0 ] && r=$((r+1)); [ -t 1 ] && r=$((r+2)); [ -t 2 ] && r=$((r+4)); exit $r")
                    .inheritIO().start();
            if (!test.waitFor(2, TimeUnit.SECONDS)) {
                test.destroy();
                return "";
            }
            int bits = test.exitValue();
            StringBuilder result = new StringBuilder();
            for (int fd = 0; fd < 3; fd++) {
                if (bits < 8 && (bits & (1 << fd)) != 0) {
                    result.append(fd);
                }
            }
            return result.toString();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
