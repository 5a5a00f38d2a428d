package dev.jwal.cli;

import dev.jwal.core.LogRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code wal repair DIR}: cuts a torn tail off the last segment after copying
 * that segment aside as {@code NAME.wal.broken}. Damage anywhere else is
 * reported (exit {@value ExitCodes#CORRUPT}) and left alone. Takes the
 * directory lock, so it refuses to run beside a writer.
 */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Cuts an incomplete last record (a torn tail) off the log, after copying the segment aside as "
                        + "NAME.wal.broken.",
                "Damage anywhere else is reported and left alone: convert with --recovery skip-corrupt to drop "
                        + "damaged records. Refuses to run while a writer has the log open."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class RepairCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory.")
    private Path directory;

    @Override
    protected int execute() {
        if (BookKeeperLocation.of(directory).isPresent()) {
            throw BookKeeperCommands.repairRefused(BookKeeperLocation.of(directory).get());
        }
        requireLogDirectory(directory);
        LogRepair.Report report = LogRepair.repair(directory);
        if (report.repaired()) {
            info("cut " + report.bytesCut() + " byte(s) of a torn tail off " + report.segment()
                    + " at offset " + report.offset() + "; the segment as it was is in " + report.brokenCopy());
        } else {
            info("nothing to repair: " + directory + " ends with a complete record");
        }
        return ExitCodes.OK;
    }
}
