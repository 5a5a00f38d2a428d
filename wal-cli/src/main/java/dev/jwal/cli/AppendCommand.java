package dev.jwal.cli;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.codec.json.JsonEntryCodec;
import dev.jwal.core.Wal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code wal append DIR}: appends the entries read from standard input, one
 * per line in the reference's JSON form, to the log in DIR (created if
 * missing), stored with the chosen codec and segment format. A line
 * {@code CHECKPOINT} takes a checkpoint; blank lines are ignored. The first
 * line that is not a valid entry, or that the log refuses, stops the command
 * with exit code {@value ExitCodes#BAD_INPUT}; everything appended before it
 * stays, and the log is closed properly.
 */
@Command(name = "append", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Appends entries read from standard input to the log.",
                "One entry per line in the reference's JSON form, e.g. "
                        + "{\"TxnBegin\":{\"txn_id\":7}} or {\"Upsert\":{\"namespace\":\"a\",\"vectors\":"
                        + "[{\"id\":\"v1\",\"values\":[1.0,2.0],\"metadata\":null}]}}. A line CHECKPOINT takes a "
                        + "checkpoint; blank lines are ignored. The first invalid line stops the command with exit "
                        + "code 2 and its line number on standard error; what was appended before it stays."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.CORRUPT_HELP, ExitCodes.BAD_INPUT_HELP, ExitCodes.IO_ERROR_HELP,
                ExitCodes.INTERNAL_ERROR_HELP})
final class AppendCommand extends LogCommand {
    /** The line that takes a checkpoint. */
    static final String CHECKPOINT_LINE = "CHECKPOINT";

    private static final byte[] CHECKPOINT_WORD = CHECKPOINT_LINE.getBytes(StandardCharsets.US_ASCII);
    private static final int INPUT_BUFFER = 256 * 1024;
    /** Input lines may spell numbers at length, so allow more than the record size limit. */
    private static final int MAX_LINE_LENGTH = 2 * WalConfig.DEFAULT_MAX_RECORD_SIZE;

    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory; created if missing.")
    private Path directory;

    @Option(names = "--codec", paramLabel = "NAME", defaultValue = "json",
            description = "The codec records are stored with (default: ${DEFAULT-VALUE}). "
                    + "Standard input is the reference's JSON whatever the codec.")
    private String codec;

    @Option(names = "--format", paramLabel = "FORMAT", converter = SegmentFormatConverter.class,
            description = "The format of new segments: lines (the reference's, json only) or framed (checksummed, "
                    + "any codec). Default: lines for json, framed for other codecs.")
    private SegmentFormat format;

    @Option(names = "--segment-size", paramLabel = "BYTES", defaultValue = "67108864",
            description = "Bytes after which a new segment file starts (default: ${DEFAULT-VALUE}, 64 MiB).")
    private long segmentSize;

    @Option(names = "--sync", paramLabel = "POLICY", defaultValue = "every-write",
            converter = SyncPolicyConverter.class,
            description = "When entries are forced to disk: every-write, periodic:N, interval:MS or manual "
                    + "(default: ${DEFAULT-VALUE}).")
    private SyncPolicy sync;

    @Option(names = "--echo-acks",
            description = "Print each entry's LSN (and each checkpoint's) on its own line as soon as it is "
                    + "durable under the sync policy.")
    private boolean echoAcks;

    @Override
    protected int execute() throws IOException {
        WalConfig config = WalConfig.builder(directory)
                .codec(codec)
                .format(format)
                .segmentSize(segmentSize)
                .syncPolicy(sync)
                .problemListener(this::warn)
                .build();
        JsonEntryCodec json = new JsonEntryCodec();
        OutputStream out = bufferedStdout();
        try (WriteAheadLog log = Wal.open(config)) {
            InputLines lines = new InputLines(stdin(), INPUT_BUFFER, MAX_LINE_LENGTH);
            while (lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                long lsn = lines.is(CHECKPOINT_WORD) ? log.checkpoint() : append(log, entry(lines, json), lines);
                if (echoAcks) {
                    Decimal.write(lsn, out);
                    out.write('\n');
                    out.flush();
                }
            }
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static long append(WriteAheadLog log, WalEntry entry, InputLines lines) {
        try {
            return log.append(entry);
        } catch (EntryRejectedException e) {
            throw CliFailure.badInput("line " + lines.lineNumber() + " was refused by the log: " + e.getMessage(), e);
        }
    }

    private static WalEntry entry(InputLines lines, JsonEntryCodec json) {
        WalEntry entry;
        try {
            entry = json.decode(lines.bytes(), lines.start(), lines.length());
        } catch (CodecException e) {
            throw CliFailure.badInput("line " + lines.lineNumber() + " is not a valid entry: " + e.getMessage(), e);
        }
        if (entry instanceof WalEntry.Checkpoint) {
            throw CliFailure.badInput("line " + lines.lineNumber() + " is a Checkpoint entry, which the log writes "
                    + "itself: write the line " + CHECKPOINT_LINE + " to take a checkpoint", null);
        }
        return entry;
    }
}
