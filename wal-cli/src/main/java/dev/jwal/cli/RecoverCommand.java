package dev.jwal.cli;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.core.LogInspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code wal recover DIR}: prints what recovery would replay (the data entries
 * after the last checkpoint, leaving out those of transactions that are rolled
 * back or never committed), in the form of {@code wal dump}. Read-only.
 */
@Command(name = "recover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints what recovery would replay.",
                "The data entries after the last checkpoint that are not in a rolled back or unfinished "
                        + "transaction, one per line: {\"lsn\":N,\"entry\":ENTRY}. Read-only: takes no lock and "
                        + "changes nothing. Problems met while reading go to standard error."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class RecoverCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory, or bk://HOST:PORT/NAME.")
    private Path directory;

    @Option(names = "--recovery", paramLabel = "MODE", defaultValue = "truncate-torn-tail",
            converter = RecoveryModeConverter.class,
            description = "How damage is treated: strict, truncate-torn-tail (an incomplete last record ends the "
                    + "log) or skip-corrupt (default: ${DEFAULT-VALUE}).")
    private RecoveryMode recovery;

    @Override
    protected int execute() throws IOException {
        var bookKeeper = bookKeeper(directory, null);
        if (bookKeeper.isPresent()) {
            return BookKeeperCommands.recover(bookKeeper.get(), bufferedStdout());
        }
        requireLogDirectory(directory);
        LogInspector inspector = LogInspector.open(directory, recovery, this::warn);
        CountingOutputStream out = new CountingOutputStream(bufferedStdout());
        LogSize size = new LogSize(directory);
        try (Progress progress = progress(true, "recover", "", 1, size::records,
                lsn -> "records, " + ByteSize.format(out.count()) + " printed")) {
            long firstLsn = progress.drawn() ? Math.max(0, size.firstLsn()) : 0;
            new RecordPrinter(out).printAll(inspector.recover(), lsn -> progress.update(lsn - firstLsn + 1));
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }
}
