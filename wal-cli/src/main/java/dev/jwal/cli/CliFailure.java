package dev.jwal.cli;

/**
 * Ends a command with an exit code and a one-line message for standard error,
 * for failures the command itself detects (a bad input line, a missing
 * directory). Failures of the library keep their own exception types and are
 * mapped by {@link ExitCodes#of(Throwable)}.
 */
final class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input: exit code {@value ExitCodes#BAD_INPUT}. */
    static CliFailure badInput(String message, Throwable cause) {
        return new CliFailure(ExitCodes.BAD_INPUT, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
