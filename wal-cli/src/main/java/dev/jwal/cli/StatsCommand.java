package dev.jwal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.core.LogInspector;
import dev.jwal.core.LogSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * {@code wal stats DIR}: prints one JSON object describing the log, e.g.
 * {@code {"directory":"/data/wal","segments":3,"bytes":1234,"firstLsn":0,"lastLsn":41,"nextLsn":42,"checkpointLsn":17}}.
 * {@code firstLsn}, {@code lastLsn} and {@code checkpointLsn} are {@code null}
 * when the log holds no record or no checkpoint. Read-only.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints the log's sizes and positions as one JSON object.",
                "Fields: directory, segments, bytes, firstLsn, lastLsn, nextLsn, checkpointLsn (null when there is "
                        + "no record or no checkpoint). Read-only: takes no lock and changes nothing."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class StatsCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory.")
    private Path directory;

    @Override
    protected int execute() throws IOException {
        requireLogDirectory(directory);
        LogSummary summary = LogInspector.open(directory, RecoveryMode.TRUNCATE_TORN_TAIL, this::warn).summary();
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
        OutputStream out = bufferedStdout();
        try {
            out.write(mapper.writeValueAsBytes(stats));
            out.write('\n');
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static void putLsn(ObjectNode node, String field, long lsn) {
        if (lsn >= 0) {
            node.put(field, lsn);
        } else {
            node.putNull(field);
        }
    }
}
