package dev.jwal.cli;

import dev.jwal.api.LogProblem;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * What every subcommand shares: the streams of its {@link WalCommand}, the
 * common options, and the one place where a failure becomes an exit code and
 * a one-line message on standard error (with the stack trace only under
 * {@code --verbose}). So the exit codes are the same whether the command runs
 * from {@link WalCommand#main} or from a plain {@code new CommandLine(...)}.
 */
abstract class LogCommand implements Callable<Integer> {
    /** Output is written in chunks of this size. */
    static final int OUTPUT_BUFFER = 64 * 1024;

    @ParentCommand
    private WalCommand root;

    @Mixin
    private CommonOptions common;

    @Mixin
    private BookKeeperOptions bookKeeperOptions;

    @Spec
    private CommandSpec spec;

    private PrintStream err;

    @Override
    public final Integer call() {
        if (common.verbose) {
            CliLogging.verbose();
        }
        err = new PrintStream(root.streams().err(), true, StandardCharsets.UTF_8);
        try {
            return execute();
        } catch (Exception | Error failure) {
            return failed(failure);
        } finally {
            err.flush();
        }
    }

    /** Prints {@code failure} as one line (and its stack trace under {@code --verbose}); returns its exit code. */
    private int failed(Throwable failure) {
        if (ClosedOutput.isClosed(failure)) {
            return ExitCodes.OK; // e.g. piped into head, which has read what it wanted: not an error
        }
        int code = ExitCodes.of(failure);
        try {
            String message = code == ExitCodes.INTERNAL_ERROR || code == ExitCodes.JVM_ERROR
                    ? ExitCodes.describeUnexpected(failure, common.verbose)
                    : String.valueOf(failure.getMessage());
            report(message);
            if (common.verbose) {
                failure.printStackTrace(err);
            }
        } catch (OutOfMemoryError stillOut) {
            // Out of memory again while printing: the exit code alone still tells what happened.
            failure.addSuppressed(stillOut);
        }
        return code;
    }
    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws Exception mapped to an exit code by {@link ExitCodes#of(Throwable)}
     */
    protected abstract int execute() throws Exception;

    /** Standard input, unbuffered. */
    final InputStream stdin() {
        return root.streams().in();
    }

    /**
     * Standard output with a large buffer; the caller flushes it. Should its
     * reader close the pipe, the command ends quietly with exit code 0.
     */
    final OutputStream bufferedStdout() {
        return new BufferedOutputStream(new ClosedOutput(root.streams().out()), OUTPUT_BUFFER);
    }

    /** Standard error, UTF-8, flushed on every line; print on it with {@link #report} or {@link #info}. */
    final PrintStream stderr() {
        return err;
    }

    /**
     * Prints {@code wal NAME: message} on standard error as one line, escaped with
     * {@link TerminalText#escape}: messages quote paths and text read from files.
     */
    final void report(String message) {
        err.println("wal " + spec.name() + ": " + TerminalText.escape(message));
    }

    /** Prints {@code text}, escaped, as a line of its own on standard error (what a command did). */
    final void info(String text) {
        err.println(TerminalText.escape(text));
    }

    /**
     * Progress on standard error (see {@link Progress}), or {@link Progress#NONE} unless standard error is a
     * terminal: nothing extra goes into a pipe or a file. Nor when {@code --no-progress} is given, or when the
     * command's results go to standard output and that is a terminal too (the bar would cut into them).
     *
     * @param resultsOnStdout whether the command prints its results on standard output as it goes
     */
    final Progress progress(boolean resultsOnStdout, String task, String unitName, long unitSize, LongSupplier total,
                            LongFunction<String> extra) {
        Terminals terminals = root.streams().terminals();
        if (common.noProgress || !terminals.isTerminal(2) || resultsOnStdout && terminals.isTerminal(1)) {
            return Progress.NONE;
        }
        return Progress.on(err, task, unitName, unitSize, total, extra);
    }

    /** Whether standard input is a terminal: someone types the entries, so no progress is drawn. */
    final boolean stdinIsTerminal() {
        return root.streams().terminals().isTerminal(0);
    }

    /** Reports a problem found while reading the log, on standard error. */
    final void warn(LogProblem problem) {
        report("warning: " + describe(problem));
    }

    /** A problem as one line: what it is, the segment, the offset and the LSN. */
    static String describe(LogProblem problem) {
        String what = switch (problem.kind()) {
            case TORN_TAIL -> "torn tail";
            case SKIPPED_RECORD -> "corruption";
            case UNMATCHED_TXN_MARKER -> "unmatched transaction marker";
            case SEGMENT_LISTENER_FAILED -> "segment listener failure";
            case RETENTION_FAILED -> "retention failure";
        };
        String lsn = problem.lsn() >= 0 ? "LSN " + problem.lsn() : "LSN unknown";
        return what + " in segment " + problem.segment() + " at offset " + problem.offset() + " (" + lsn + "): "
                + problem.detail();
    }

    /**
     * The BookKeeper log a directory argument names ({@code bk://HOST:PORT/NAME}), with the replication options.
     *
     * @param codec the codec new records are written with, or null for the default
     * @return its configuration, or empty when the argument is a directory
     */
    final java.util.Optional<dev.jwal.bookkeeper.BookKeeperWalConfig> bookKeeper(Path argument, String codec) {
        return BookKeeperLocation.of(argument).map(location -> bookKeeperOptions.config(location, codec));
    }

    /**
     * Read-only commands need an existing directory whose segment and metadata files can be read:
     * see {@link LogDirectoryCheck}.
     *
     * @throws CliFailure with exit code {@value ExitCodes#IO_ERROR}
     */
    static void requireLogDirectory(Path directory) {
        LogDirectoryCheck.requireReadableLog(directory);
    }
}
