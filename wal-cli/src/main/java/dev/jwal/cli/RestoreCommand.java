package dev.jwal.cli;

import dev.jwal.core.LogRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code wal restore ARCHIVE DIR [--to-lsn N]}: rebuilds a log in a new or empty directory from archived
 * segments, with exactly the records up to LSN N inclusive: byte for byte a prefix of the original log. See
 * {@link LogRestore}.
 */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Rebuilds a log from the segments wal archive copied, up to an LSN: point-in-time recovery.",
                "DIR must be new or empty. The new log holds the archive's records from its first up to and including "
                        + "--to-lsn, byte for byte as the original log held them; every record is checked first, "
                        + "and a damaged record or a segment missing from the archive stops it before anything is "
                        + "written. The archive is never changed."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class RestoreCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive directory wal archive wrote.")
    private Path archive;

    @Parameters(index = "1", paramLabel = "DIR", description = "The new log's directory: new or empty.")
    private Path directory;

    @Option(names = "--to-lsn", paramLabel = "N", defaultValue = "-1",
            description = "The last LSN the new log holds (inclusive). Default: the archive's last complete record.")
    private long toLsn;

    @Override
    protected int execute() {
        requireLogDirectory(archive);
        if (toLsn < -1) {
            throw CliFailure.badInput("--to-lsn must be 0 or more, was " + toLsn, null);
        }
        LogRestore.Report report;
        long[] done = {0};
        try (Progress progress = progress(false, "restore", "MiB", 1 << 20, () -> -1,
                bytes -> ByteSize.format(bytes) + " read and written")) {
            report = LogRestore.restore(archive, directory, toLsn, bytes -> progress.update(done[0] += bytes));
        }
        info("restored LSN " + report.firstLsn() + " to " + report.lastLsn() + " from " + archive + " into "
                + directory + ": " + report.segments() + " segment(s), " + ByteSize.format(report.bytes()));
        return ExitCodes.OK;
    }
}
