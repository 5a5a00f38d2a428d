package dev.jwal.cli;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.LsnRange;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.bookkeeper.BookKeeperWal;
import dev.jwal.codec.json.JsonEntryCodec;
import dev.jwal.codec.json.KeptText;
import dev.jwal.core.Wal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code wal append DIR}: appends the entries read from standard input, one
 * per line in the reference's JSON form, to the log in DIR (created if
 * missing), stored with the chosen codec and segment format. A line
 * {@code CHECKPOINT} takes a checkpoint; blank lines are ignored. The first
 * line that is not a valid entry, or that the log refuses, stops the command
 * with exit code {@value ExitCodes#BAD_INPUT}; everything appended before it
 * stays, and the log is closed properly.
 *
 * <p>The work is shared between threads: one splits standard input into
 * lines ({@link InputDecoder}), one per core decodes them a batch at a time
 * ({@link LineBatch}), and this one takes the batches in input order and
 * appends each with one {@code appendBatch} call. A bad line fails its batch
 * after the entries before it; nothing after it is appended.
 *
 * <p>With the json codec, a valid input line is stored as it was given (see
 * {@link KeptText}): it reads back, in jwal and in the reference, to the same
 * entry as the canonical form, which need not be printed again. A line with a
 * carriage return in it, or longer than the record size limit, is stored in
 * the canonical form.
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
                ExitCodes.INTERNAL_ERROR_HELP, ExitCodes.JVM_ERROR_HELP})
final class AppendCommand extends LogCommand {
    /** The line that takes a checkpoint. */
    static final String CHECKPOINT_LINE = InputDecoder.CHECKPOINT_LINE;

    /** Batches read ahead of the appending thread per decoding thread, at most. */
    private static final int QUEUED_BATCHES_PER_DECODER = 2;
    /** Decoding threads, at most (and at least one). */
    private static final int MAX_DECODERS = 4;
    /** A batch stays in one segment: batches of at most 1/16 of the segment size let a segment pass its size by little. */
    private static final int BATCHES_PER_SEGMENT = 16;
    private static final int INPUT_BUFFER = 256 * 1024;
    /** Input lines may spell numbers at length, so allow more than the record size limit. */
    private static final int MAX_LINE_LENGTH = 2 * WalConfig.DEFAULT_MAX_RECORD_SIZE;

    @Parameters(index = "0", paramLabel = "DIR", description = "The log directory, or bk://HOST:PORT/NAME; created if "
            + "missing.")
    private Path directory;

    @Option(names = "--codec", paramLabel = "NAME", defaultValue = "json",
            description = "The codec records are stored with (default: ${DEFAULT-VALUE}). "
                    + "Standard input is the reference's JSON whatever the codec.")
    private String codec;

    @Option(names = "--format", paramLabel = "FORMAT", converter = SegmentFormatConverter.class,
            description = "The format of new segments: lines (the reference's, json only) or framed (checksummed, "
                    + "any codec). Default: lines for json, framed for other codecs.")
    private SegmentFormat format;

    @Option(names = "--segment-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = ByteSize.Converter.class,
            description = "Bytes after which a new segment file starts: a number of bytes or a size with a unit "
                    + "such as 256KiB, 64MiB, 1GiB or 500MB (default: ${DEFAULT-VALUE}).")
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

    /** Entries appended so far (for progress). */
    private long appended;

    @Override
    protected int execute() throws Exception {
        WalConfig config = WalConfig.builder(directory)
                .codec(codec)
                .format(format)
                .segmentSize(segmentSize)
                .syncPolicy(sync)
                .problemListener(this::warn)
                .build();
        OutputStream out = bufferedStdout();
        try {
            appendInput(config, out);
        } catch (Exception | Error failure) {
            flushKeeping(failure, out);
            throw failure;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void appendInput(WalConfig config, OutputStream out) throws Exception {
        CountingInputStream input = new CountingInputStream(stdin());
        var bookKeeper = bookKeeper(directory, codec);
        try (WriteAheadLog log = bookKeeper.isPresent() ? BookKeeperWal.open(bookKeeper.get()) : Wal.open(config);
             Progress progress = stdinIsTerminal() ? Progress.NONE
                     : progress(echoAcks, "append", "MiB", 1 << 20, this::inputSize,
                     bytes -> appended + " records")) {
            int decoderCount = Math.max(1, Math.min(MAX_DECODERS, Runtime.getRuntime().availableProcessors()));
            ExecutorService decoders = Executors.newFixedThreadPool(decoderCount, daemonThreads());
            BlockingQueue<Future<InputBatch>> batches =
                    new ArrayBlockingQueue<>(QUEUED_BATCHES_PER_DECODER * decoderCount);
            int maxKeptLength = JsonEntryCodec.NAME.equals(config.codec()) ? config.maxRecordSize() : -1;
            Thread reader = new Thread(
                    new InputDecoder(new InputLines(input, INPUT_BUFFER, MAX_LINE_LENGTH), batches, decoders,
                            segmentSize / BATCHES_PER_SEGMENT, maxKeptLength), "wal-append-input");
            reader.setDaemon(true);
            reader.start();
            try {
                appendAll(log, batches, out, () -> progress.update(input.count()));
            } finally {
                reader.interrupt(); // a no-op once it has ended; else it stops at its next hand-off
                decoders.shutdownNow();
            }
        }
    }

    /** Decoding threads: daemons, so a reader blocked on standard input never keeps the process alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "wal-append-decode-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The bytes left on standard input when it is a regular file (for a percentage), else -1. */
    private long inputSize() {
        if (stdin() instanceof FileInputStream file) {
            try {
                FileChannel channel = file.getChannel();
                long left = channel.size() - channel.position();
                return left > 0 ? left : -1; // a pipe or a terminal has size 0
            } catch (IOException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Flushes the acknowledgements written before {@code failure}; a failure to do so does not hide it. */
    private static void flushKeeping(Throwable failure, OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Appends batch after batch as the reading thread hands them over, until the input ends or fails. */
    private void appendAll(WriteAheadLog log, BlockingQueue<Future<InputBatch>> batches, OutputStream out,
                           Runnable progress) throws Exception {
        while (true) {
            InputBatch batch = decoded(batches.take());
            if (!batch.lines().isEmpty()) {
                append(log, batch, out);
                appended += batch.lines().size();
                progress.run();
            }
            switch (batch.then()) {
                case CONTINUE:
                    break;
                case CHECKPOINT:
                    acknowledge(log.checkpoint(), out);
                    break;
                case END:
                    return;
                case FAIL:
                    throw rethrowable(batch.failure());
                default:
                    throw new IllegalStateException("unknown step " + batch.then());
            }
            if (echoAcks) {
                out.flush();
            }
        }
    }

    /**
     * Appends the batch's entries with one {@code appendBatch}. Should the log refuse one of them (then it
     * writes none), they are appended one by one up to the refused one, so that what came before it stays
     * and the message names its line.
     */
    private void append(WriteAheadLog log, InputBatch batch, OutputStream out) throws IOException {
        List<WalEntry> entries = batch.entries();
        LsnRange range;
        try {
            range = KeptText.appending(batch.lines(), () -> log.appendBatch(entries));
        } catch (EntryRejectedException refused) {
            for (int i = 0; i < entries.size(); i++) {
                try {
                    acknowledge(log.append(entries.get(i)), out);
                } catch (EntryRejectedException e) {
                    throw CliFailure.badInput("line " + batch.lineNumbers()[i] + " was refused by the log: "
                            + e.getMessage(), e);
                }
            }
            throw new IllegalStateException("the log refused a batch but took each of its entries: "
                    + refused.getMessage(), refused);
        }
        if (echoAcks) {
            for (long lsn = range.first(); lsn <= range.last(); lsn++) {
                acknowledge(lsn, out);
            }
        }
    }

    private void acknowledge(long lsn, OutputStream out) throws IOException {
        if (echoAcks) {
            Decimal.write(lsn, out);
            out.write('\n');
        }
    }

    /** The batch a decoding thread made; what it threw (a bug: bad lines are batch failures) is thrown here. */
    private static InputBatch decoded(Future<InputBatch> batch) throws Exception {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        }
    }

    /** The reading thread's failure, to be thrown here: exceptions as they are, anything else wrapped. */
    private static Exception rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure);
    }
}
