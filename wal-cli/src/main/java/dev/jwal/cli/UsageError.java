package dev.jwal.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * How {@code wal} reports a usage error (an unknown option, a missing or
 * invalid argument): one line saying what was wrong and one with a hint, e.g.
 * <pre>
 * wal append: unknown option: '--sycn'
 * did you mean --sync? see 'wal append --help'
 * </pre>
 * and exit code {@value ExitCodes#BAD_INPUT}, instead of picocli's whole usage help.
 */
final class UsageError {
    private UsageError() {
    }

    /** A {@link CommandLine.IParameterExceptionHandler}: prints {@code failure} as above. */
    static int print(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        String message = String.valueOf(failure.getMessage());
        if (!message.isEmpty()) {
            message = message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        String suggestion = "";
        if (failure instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                suggestion = "did you mean " + suggestions.get(0) + "? ";
            }
        }
        print(command.getErr(), command.getCommandSpec().qualifiedName() + ": " + message, suggestion, command);
        return ExitCodes.BAD_INPUT;
    }

    /** Prints {@code line} (escaped) and the hint to see {@code command}'s help. */
    static void print(PrintWriter err, String line, CommandLine command) {
        print(err, line, "", command);
    }

    private static void print(PrintWriter err, String line, String suggestion, CommandLine command) {
        err.println(TerminalText.escape(line));
        err.println(TerminalText.escape(suggestion + "see '" + command.getCommandSpec().qualifiedName() + " --help'"));
        err.flush();
    }
}
