package dev.jwal.cli;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.LogConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code wal convert SRC DST --codec NAME [--format F]}: rewrites a log with
 * another codec or segment format into a new directory, keeping every record's
 * LSN and the checkpoint. The source is not changed. When standard error is a
 * terminal, long runs show their progress there.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Rewrites a log with another codec or segment format, keeping every record's LSN (markers included) "
                        + "and the checkpoint.",
                "SRC is read without a lock and not changed; DST must be new or empty."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class ConvertCommand extends LogCommand {
    @Parameters(index = "0", paramLabel = "SRC", description = "The log to convert: a directory or bk://HOST:PORT/NAME.")
    private Path source;

    @Parameters(index = "1", paramLabel = "DST", description = "The new log: a directory (created if missing) or a new "
            + "bk://HOST:PORT/NAME.")
    private Path target;

    @Option(names = "--codec", paramLabel = "NAME", required = true,
            description = "The codec of the new log's records: json, kryo, protobuf or a third party's.")
    private String codec;

    @Option(names = "--format", paramLabel = "FORMAT", converter = SegmentFormatConverter.class,
            description = "lines (json only) or framed. Default: lines for json, framed for other codecs.")
    private SegmentFormat format;

    @Option(names = "--segment-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = ByteSize.Converter.class,
            description = "Bytes after which a new segment file starts: a number of bytes or a size with a unit "
                    + "such as 256KiB, 64MiB, 1GiB or 500MB (default: ${DEFAULT-VALUE}).")
    private long segmentSize;

    @Option(names = "--recovery", paramLabel = "MODE", defaultValue = "strict",
            converter = RecoveryModeConverter.class,
            description = "How damage in SRC is treated: strict (default), truncate-torn-tail or skip-corrupt. "
                    + "A record skipped as damaged leaves an LSN gap, which stops the conversion.")
    private RecoveryMode recovery;

    @Override
    protected int execute() {
        var sourceLog = bookKeeper(source, null);
        var targetLog = bookKeeper(target, codec);
        if (sourceLog.isEmpty()) {
            requireLogDirectory(source);
        }
        WalConfig config = WalConfig.builder(target).codec(codec).format(format).segmentSize(segmentSize)
                .problemListener(this::warn).build();
        if (sourceLog.isPresent() || targetLog.isPresent()) {
            LogConverter.Report report = BookKeeperCommands.convert(source, sourceLog.orElse(null), recovery,
                    config, targetLog.orElse(null), records -> { });
            info("converted " + report.records() + " record(s)"
                    + (report.records() > 0 ? ", LSN " + report.firstLsn() + " to " + report.lastLsn() : "")
                    + (report.checkpointLsn() >= 0 ? ", checkpoint at LSN " + report.checkpointLsn() : "")
                    + " into " + targetLog.map(log -> log.location()).orElse(target.toString()) + " (" + codec + ")");
            return ExitCodes.OK;
        }
        LogSize size = new LogSize(source);
        LogConverter.Report report;
        try (Progress progress = progress(false, "convert", "", 1, size::records,
                records -> size.recordsOfLog())) {
            report = LogConverter.convert(source, config, recovery, progress::update);
        }
        info("converted " + report.records() + " record(s)"
                + (report.records() > 0 ? ", LSN " + report.firstLsn() + " to " + report.lastLsn() : "")
                + (report.checkpointLsn() >= 0 ? ", checkpoint at LSN " + report.checkpointLsn() : "")
                + " into " + target + " (" + config.format().cliName() + ", " + codec + ")");
        return ExitCodes.OK;
    }
}
