package dev.jwal.cli;

import dev.jwal.api.LogProblem;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.LogInspector;
import dev.jwal.core.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code wal verify DIR}: reads every record of every segment and prints a
 * report on standard output. Exit code {@value ExitCodes#OK} when the log is
 * complete and clean; {@value ExitCodes#CORRUPT} when not, the report listing
 * each problem with its segment, offset, LSN and whether it is a torn tail or
 * corruption. Read-only.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Checks every record of the log.",
                "Prints a report listing every problem: its segment, offset, LSN, and whether it is a torn tail or "
                        + "corruption. Exit code 0 when the log is complete and clean, 1 when not. Read-only: takes "
                        + "no lock and changes nothing."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class VerifyCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory.")
    private Path directory;

    @Override
    protected int execute() {
        requireLogDirectory(directory);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(bufferedStdout(), StandardCharsets.UTF_8));
        try {
            LogInspector inspector;
            try {
                inspector = LogInspector.open(directory, RecoveryMode.SKIP_CORRUPT, this::warn);
            } catch (CorruptLogException e) {
                // The checkpoint file is damaged: a finding of verify, not a failure to run it.
                line(out, "problem 1: corruption in " + e.segment() + " at offset " + e.offset()
                        + ": " + e.detail());
                line(out, "NOT CLEAN: " + directory + ": 1 problem");
                return ExitCodes.CORRUPT;
            }
            VerifyReport report = inspector.verify();
            List<LogProblem> problems = report.problems();
            for (int i = 0; i < problems.size(); i++) {
                line(out, "problem " + (i + 1) + ": " + describe(problems.get(i)));
            }
            String summary = directory + ": " + report.segments() + " segment(s), " + report.records() + " record(s)"
                    + (report.records() > 0 ? ", LSN " + report.firstLsn() + " to " + report.lastLsn() : "")
                    + (report.checkpointLsn() >= 0 ? ", checkpoint at LSN " + report.checkpointLsn() : ", no checkpoint");
            if (report.clean()) {
                line(out, "clean: " + summary);
                return ExitCodes.OK;
            }
            line(out, "NOT CLEAN: " + summary + "; " + problems.size() + " problem(s)");
            return ExitCodes.CORRUPT;
        } finally {
            out.flush();
        }
    }

    /** Prints a report line, escaped: it quotes paths and details read from the log. */
    private static void line(PrintWriter out, String text) {
        out.println(TerminalText.escape(text));
    }
}
