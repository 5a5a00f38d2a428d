package dev.jwal.cli;

import dev.jwal.core.ArchiveConflictException;
import dev.jwal.core.LogArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code wal archive DIR DEST}: copies the finished segments of a log into an archive directory, each copy
 * forced and renamed into place (atomic), never replacing a different file, a no-op for the ones already
 * there. Beside a live writer, its active segment is left out; a closed log is locked while it is archived.
 * See {@link LogArchive}.
 */
@Command(name = "archive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Copies the finished segments of a log into DEST, for point-in-time recovery with wal restore.",
                "Each copy is forced and renamed into place, so a crash leaves a whole copy or none. Segments DEST "
                        + "holds already are left alone; a different file under a segment's name is never replaced "
                        + "(exit code 2). Beside a live writer the segment it is writing is left out; a closed log "
                        + "is locked while it is archived, and its last segment is copied too. DIR is never changed."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class ArchiveCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory.")
    private Path directory;

    @Parameters(index = "1", paramLabel = "DEST", description = "The archive directory; created if missing.")
    private Path destination;

    @Override
    protected int execute() {
        requireLogDirectory(directory);
        LogArchive.Report report;
        long[] copied = {0};
        try (Progress progress = progress(false, "archive", "MiB", 1 << 20, () -> -1,
                bytes -> ByteSize.format(bytes) + " copied")) {
            report = LogArchive.archive(directory, destination, bytes -> progress.update(copied[0] += bytes));
        } catch (ArchiveConflictException e) {
            throw CliFailure.badInput(e.getMessage(), e);
        }
        info("archived " + directory + " into " + destination + ": " + report.copied().size() + " segment(s) copied, "
                + report.replaced().size() + " replaced by a longer copy, " + report.unchanged().size()
                + " already there, " + ByteSize.format(report.bytesCopied()) + " written"
                + (report.skipped() == null ? "" : "; " + report.skipped().getFileName()
                + " left out: a writer has the log open and is writing it"));
        return ExitCodes.OK;
    }
}
