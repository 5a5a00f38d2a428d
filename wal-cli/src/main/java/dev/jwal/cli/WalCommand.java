package dev.jwal.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code wal} command, entry point of {@code wal.jar}, run by the
 * {@code bin/wal} launcher: {@code wal append|dump|recover|verify|stats|convert|repair|archive|restore|generate-completion ...}.
 *
 * <p>Entries on standard input and output use the reference's JSON form
 * (serde's externally tagged enum). Exit codes: {@value ExitCodes#OK} success,
 * {@value ExitCodes#CORRUPT} corrupt log (or {@code verify} found problems),
 * {@value ExitCodes#BAD_INPUT} bad usage or input, {@value ExitCodes#IO_ERROR}
 * I/O error, {@value ExitCodes#INTERNAL_ERROR} internal error, {@value ExitCodes#JVM_ERROR} out of memory
 * or another {@link Error}.
 *
 * <p>Tests run it in-process with their own streams:
 * {@code WalCommand.commandLine(new CliStreams(in, out, err)).execute(args)}. The subcommands are added
 * there, not declared on this class, so that {@link #main} builds only the one it runs: a
 * {@code new CommandLine(new WalCommand())} has none.
 */
@Command(name = "wal", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Appends to, reads, recovers and checks jwal write-ahead logs.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
public final class WalCommand implements Callable<Integer> {
    static {
        // Before any class that creates a logger is loaded.
        CliLogging.configureDefaults();
    }

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(AppendCommand.class, DumpCommand.class,
            RecoverCommand.class, VerifyCommand.class, StatsCommand.class, ConvertCommand.class, RepairCommand.class,
            ArchiveCommand.class, RestoreCommand.class, SandboxCommand.class, AutoComplete.GenerateCompletion.class);
    private static final String COMPLETION = "generate-completion";

    private final CliStreams streams;

    @Spec
    private CommandSpec spec;

    /** A command on the process's standard streams. */
    public WalCommand() {
        this(CliStreams.system());
    }

    /** A command on the given streams. */
    public WalCommand(CliStreams streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine(CliStreams.system(), args).execute(args);
        } catch (Error failure) {
            // Outside any subcommand (the subcommands print their own): parsing the arguments, printing help.
            System.err.println("wal: " + ExitCodes.describeUnexpected(failure, false));
            exitCode = ExitCodes.JVM_ERROR;
        }
        System.exit(exitCode);
    }

    /**
     * A command line on {@code streams}: help, version and usage errors are
     * printed there too (UTF-8), and any exception that escapes a command maps
     * to an exit code as the commands' own failures do.
     */
    public static CommandLine commandLine(CliStreams streams) {
        return commandLine(streams, SUBCOMMANDS);
    }

    /**
     * A command line for {@code args}: when they name a subcommand, only that one is built (picocli reads
     * every command's annotations up front, a tenth of a second of a short {@code wal append}); otherwise,
     * for help, usage errors and completion scripts, all of them.
     */
    static CommandLine commandLine(CliStreams streams, String[] args) {
        if (args.length > 0 && !args[0].equals(COMPLETION)) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(streams, List.of(subcommand));
                }
            }
        }
        return commandLine(streams, SUBCOMMANDS);
    }

    private static CommandLine commandLine(CliStreams streams, List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new WalCommand(streams));
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            failed.getErr().println("wal: " + TerminalText.escape(failure.toString()));
            return ExitCodes.of(failure);
        });
        commandLine.setParameterExceptionHandler(UsageError::print);
        // picocli hides it by default; it belongs in the list of commands.
        CommandLine completion = commandLine.getSubcommands().get(COMPLETION);
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(false)
                    .description("Prints a bash and zsh completion script for wal, to be sourced: "
                            + "source <(wal " + COMPLETION + ").");
        }
        return commandLine;
    }

    /** The streams every subcommand reads and writes. */
    CliStreams streams() {
        return streams;
    }

    /** {@code wal} without a subcommand: a usage error, one line and a hint; exit code 2. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        UsageError.print(err, "wal: missing a command (append, dump, recover, verify, stats, convert, repair, "
                + "archive, restore, sandbox, generate-completion)", spec.commandLine());
        return ExitCodes.BAD_INPUT;
    }
}
