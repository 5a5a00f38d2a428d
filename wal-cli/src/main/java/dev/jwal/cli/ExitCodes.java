package dev.jwal.cli;

import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.DuplicateCodecException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The exit codes of {@code wal}, and which failure gets which. The
 * {@code *_HELP} constants are the lines of the usage help's exit code list.
 */
final class ExitCodes {
    /** Success; for {@code verify}, the log is complete and clean. */
    static final int OK = 0;
    /** The log is damaged ({@code verify}: it is not clean). */
    static final int CORRUPT = 1;
    /** Bad usage or bad input: an unknown option, a line that is not a valid entry, an unknown codec. */
    static final int BAD_INPUT = 2;
    /** An I/O error or another failure of the log: a missing directory, a directory locked by a writer. */
    static final int IO_ERROR = 3;
    /** A bug in {@code wal}: an exception nobody expected. */
    static final int INTERNAL_ERROR = 4;
    /**
     * The JVM failed: out of memory ({@link OutOfMemoryError}) or another {@link Error} (a stack overflow, a
     * class missing from the jar). Never {@value #CORRUPT}: running out of memory says nothing about the log.
     */
    static final int JVM_ERROR = 5;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_HELP = "0:success (verify: the log is complete and clean)";
    static final String CORRUPT_HELP = "1:the log is corrupt (verify: it is not clean; the report says where)";
    static final String BAD_INPUT_HELP = "2:bad usage or input (an invalid option or entry line, an unknown codec)";
    static final String IO_ERROR_HELP = "3:I/O error (a missing log directory, a log locked by a writer, a failed write)";
    static final String INTERNAL_ERROR_HELP = "4:internal error (a bug; --verbose prints the stack trace)";
    static final String JVM_ERROR_HELP = "5:the JVM failed: out of memory (give it more with WAL_OPTS=-Xmx4g) or another Error; or no Java found";

    private ExitCodes() {
    }

    /**
     * The one-line message for a failure with exit code {@link #JVM_ERROR} or {@link #INTERNAL_ERROR}, built
     * from constants and the failure's class and message only, so that it can be printed after an
     * {@link OutOfMemoryError}.
     */
    static String describeUnexpected(Throwable failure, boolean verbose) {
        String trace = verbose ? "" : " (run with --verbose for the stack trace)";
        if (failure instanceof OutOfMemoryError) {
            return "out of memory (" + failure + "); run it with a larger heap, e.g. WAL_OPTS=-Xmx4g wal ...";
        }
        if (failure instanceof Error) {
            return "the JVM failed: " + failure + trace;
        }
        return "internal error: " + failure + trace;
    }

    /** The exit code for a failure that ended a command. */
    static int of(Throwable failure) {
        if (failure instanceof Error) {
            return JVM_ERROR;
        }
        if (failure instanceof CliFailure cli) {
            return cli.exitCode();
        }
        if (failure instanceof CorruptLogException) {
            return CORRUPT;
        }
        if (failure instanceof EntryRejectedException
                || failure instanceof CodecException
                || failure instanceof CodecNotFoundException
                || failure instanceof DuplicateCodecException
                || failure instanceof IllegalArgumentException
                || failure instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        if (failure instanceof WalException
                || failure instanceof IOException
                || failure instanceof UncheckedIOException) {
            return IO_ERROR;
        }
        return INTERNAL_ERROR;
    }
}
