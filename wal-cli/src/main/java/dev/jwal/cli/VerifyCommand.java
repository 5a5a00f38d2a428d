package dev.jwal.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jwal.api.LogProblem;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.LogInspector;
import dev.jwal.core.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
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
 * corruption. With {@code --json} the report is one JSON object for scripts.
 * Read-only.
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
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory, or bk://HOST:PORT/NAME.")
    private Path directory;

    @Option(names = "--json",
            description = "Print the report as one JSON object: directory, clean, segments, records, firstLsn, "
                    + "lastLsn, checkpointLsn, and problems, each with kind (torn-tail, corruption, "
                    + "unmatched-txn-marker), segment, offset, lsn (null when unknown) and detail.")
    private boolean json;

    @Override
    protected int execute() throws IOException {
        var bookKeeper = bookKeeper(directory, null);
        if (bookKeeper.isPresent()) {
            return BookKeeperCommands.verify(bookKeeper.get(), json, bufferedStdout());
        }
        requireLogDirectory(directory);
        VerifyReport report;
        try {
            LogInspector inspector = LogInspector.open(directory, RecoveryMode.SKIP_CORRUPT, this::warn);
            LogSize size = new LogSize(directory);
            try (Progress progress = progress(false, "verify", "", 1, size::records,
                    records -> size.recordsOfLog())) {
                report = inspector.verify(progress::update);
            }
        } catch (CorruptLogException e) {
            // The checkpoint file is damaged: a finding of verify, not a failure to run it.
            LogProblem problem = new LogProblem(LogProblem.Kind.SKIPPED_RECORD, e.segment(), e.offset(), -1,
                    e.detail());
            print(null, List.of(problem));
            return ExitCodes.CORRUPT;
        }
        print(report, report.problems());
        return report.clean() ? ExitCodes.OK : ExitCodes.CORRUPT;
    }

    /** The report, {@code report} null when the log could not be read at all (only {@code problems} known). */
    private void print(VerifyReport report, List<LogProblem> problems) throws IOException {
        OutputStream out = bufferedStdout();
        try {
            if (json) {
                printJson(out, report, problems);
            } else {
                printText(out, report, problems);
            }
        } finally {
            out.flush();
        }
    }

    private void printText(OutputStream stream, VerifyReport report, List<LogProblem> problems) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        for (int i = 0; i < problems.size(); i++) {
            line(out, "problem " + (i + 1) + ": " + describe(problems.get(i)));
        }
        if (report == null) {
            line(out, "NOT CLEAN: " + directory + ": " + problems.size() + " problem(s)");
        } else {
            String summary = directory + ": " + report.segments() + " segment(s), " + report.records() + " record(s)"
                    + (report.records() > 0 ? ", LSN " + report.firstLsn() + " to " + report.lastLsn() : "")
                    + (report.checkpointLsn() >= 0 ? ", checkpoint at LSN " + report.checkpointLsn()
                    : ", no checkpoint");
            line(out, report.clean() ? "clean: " + summary
                    : "NOT CLEAN: " + summary + "; " + problems.size() + " problem(s)");
        }
        out.flush();
    }

    private void printJson(OutputStream out, VerifyReport report, List<LogProblem> problems) throws IOException {
        try (JsonGenerator json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("directory", directory.toString());
            json.writeBooleanField("clean", problems.isEmpty());
            if (report == null) {
                json.writeNullField("segments");
                json.writeNullField("records");
            } else {
                json.writeNumberField("segments", report.segments());
                json.writeNumberField("records", report.records());
            }
            Json.writeLsn(json, "firstLsn", report == null ? -1 : report.firstLsn());
            Json.writeLsn(json, "lastLsn", report == null ? -1 : report.lastLsn());
            Json.writeLsn(json, "checkpointLsn", report == null ? -1 : report.checkpointLsn());
            json.writeArrayFieldStart("problems");
            for (LogProblem problem : problems) {
                json.writeStartObject();
                json.writeStringField("kind", kindName(problem.kind()));
                json.writeStringField("segment", problem.segment().toString());
                json.writeNumberField("offset", problem.offset());
                Json.writeLsn(json, "lsn", problem.lsn());
                json.writeStringField("detail", problem.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** The kind as {@code --json} names it: the words of {@link #describe(LogProblem)}, hyphenated. */
    static String kindName(LogProblem.Kind kind) {
        return switch (kind) {
            case TORN_TAIL -> "torn-tail";
            case SKIPPED_RECORD -> "corruption";
            case UNMATCHED_TXN_MARKER -> "unmatched-txn-marker";
            case SEGMENT_LISTENER_FAILED -> "segment-listener-failed";
            case RETENTION_FAILED -> "retention-failed";
        };
    }

    /** Prints a report line, escaped: it quotes paths and details read from the log. */
    private static void line(PrintWriter out, String text) {
        out.println(TerminalText.escape(text));
    }
}
