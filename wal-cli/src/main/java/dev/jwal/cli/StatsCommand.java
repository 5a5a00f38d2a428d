package dev.jwal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.core.LogInspector;
import dev.jwal.core.LogSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code wal stats DIR}: a summary of the log for people, e.g.
 * <pre>
 * log          /data/wal
 * segments     3, 1.5 MiB (1,572,864 bytes)
 * records      42, LSN 0 to 41
 * next LSN     42
 * checkpoint   LSN 17
 * </pre>
 * With {@code --json}, one JSON object for scripts, e.g.
 * {@code {"directory":"/data/wal","segments":3,"bytes":1572864,"firstLsn":0,"lastLsn":41,"nextLsn":42,"checkpointLsn":17}};
 * {@code firstLsn}, {@code lastLsn} and {@code checkpointLsn} are {@code null}
 * when the log holds no record or no checkpoint. Read-only.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints the log's sizes and positions: segments, size, records, next LSN, checkpoint.",
                "A summary for people (sizes such as 1.5 MiB), or with --json one JSON object. Read-only: takes no "
                        + "lock and changes nothing."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class StatsCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory, or bk://HOST:PORT/NAME.")
    private Path directory;

    @Option(names = "--json",
            description = "Print one JSON object: directory, segments, bytes, firstLsn, lastLsn, nextLsn, "
                    + "checkpointLsn (null when there is no record or no checkpoint).")
    private boolean json;

    @Override
    protected int execute() throws IOException {
        var bookKeeper = bookKeeper(directory, null);
        if (bookKeeper.isPresent()) {
            return BookKeeperCommands.stats(bookKeeper.get(), json, bufferedStdout());
        }
        requireLogDirectory(directory);
        LogSummary summary = LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, this::warn).summary();
        byte[] text = json ? json(summary) : text(summary).getBytes(StandardCharsets.UTF_8);
        OutputStream out = bufferedStdout();
        try {
            out.write(text);
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private String text(LogSummary summary) {
        boolean hasRecords = summary.firstLsn() >= 0;
        long records = hasRecords ? summary.nextLsn() - summary.firstLsn() : 0;
        return row("log", TerminalText.escape(directory.toString()))
                + row("segments", summary.segmentCount() + ", " + ByteSize.format(summary.totalBytes())
                + (summary.totalBytes() >= 1024 ? String.format(Locale.ROOT, " (%,d bytes)", summary.totalBytes()) : ""))
                + row("records", hasRecords
                ? records + ", LSN " + summary.firstLsn() + " to " + (summary.nextLsn() - 1) : "none")
                + row("next LSN", Long.toString(summary.nextLsn()))
                + row("checkpoint", summary.checkpointLsn() >= 0 ? "LSN " + summary.checkpointLsn() : "none");
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "%-12s %s%n", name, value);
    }

    private byte[] json(LogSummary summary) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode stats = mapper.createObjectNode();
        stats.put("directory", directory.toString());
        stats.put("segments", summary.segmentCount());
        stats.put("bytes", summary.totalBytes());
        boolean hasRecords = summary.firstLsn() >= 0;
        putLsn(stats, "firstLsn", hasRecords ? summary.firstLsn() : -1);
        putLsn(stats, "lastLsn", hasRecords ? summary.nextLsn() - 1 : -1);
        stats.put("nextLsn", summary.nextLsn());
        putLsn(stats, "checkpointLsn", summary.checkpointLsn());
        return (mapper.writeValueAsString(stats) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void putLsn(ObjectNode node, String field, long lsn) {
        if (lsn >= 0) {
            node.put(field, lsn);
        } else {
            node.putNull(field);
        }
    }
}
