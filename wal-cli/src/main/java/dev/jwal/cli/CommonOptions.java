package dev.jwal.cli;

import picocli.CommandLine.Option;

/** Options every subcommand has. */
final class CommonOptions {
    @Option(names = "--verbose",
            description = "Print the stack trace of a failure and jwal's log down to DEBUG on standard error.")
    boolean verbose;

    @Option(names = "--no-progress",
            description = "Never draw a progress bar. Without it, long runs of append, dump, recover, verify, "
                    + "convert, archive and restore draw one on standard error when that is a terminal (never into a "
                    + "pipe or a file).")
    boolean noProgress;
}
