package dev.jwal.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs {@code wal} in-process on in-memory streams. */
final class Cli {
    private Cli() {
    }

    /** Runs {@code wal args...} with nothing on standard input. */
    static Result run(Object... args) {
        return runWithInput(new byte[0], args);
    }

    /** Runs {@code wal args...} with {@code lines} on standard input, each ended by a line feed. */
    static Result runWithLines(List<String> lines, Object... args) {
        StringBuilder input = new StringBuilder();
        lines.forEach(line -> input.append(line).append('\n'));
        return runWithInput(input.toString().getBytes(StandardCharsets.UTF_8), args);
    }

    static Result runWithInput(byte[] stdin, Object... args) {
        return runOn(Terminals.none(), stdin, args);
    }

    /** Runs {@code wal args...} as if {@code terminals} were terminals (its streams are still in memory). */
    static Result runOn(Terminals terminals, byte[] stdin, Object... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliStreams streams = new CliStreams(new ByteArrayInputStream(stdin), out, err, terminals);
        String[] arguments = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int exitCode = WalCommand.commandLine(streams).execute(arguments);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }
}
