package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.format.SegmentFormats;
import dev.jwal.core.index.SegmentIndexes;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.CodecResolver;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.read.SegmentNameCheck;
import dev.jwal.core.retention.Retention;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.TxnBoundaryFile;
import dev.jwal.core.write.SyncTimer;
import dev.jwal.core.write.WritePath;
import dev.jwal.core.write.WriterSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Opens write-ahead logs.
 *
 * <pre>{@code
 * try (WriteAheadLog log = Wal.open(WalConfig.builder(Path.of("data/wal")).build())) {
 *     log.append(new WalEntry.CreateNamespace("docs"));
 * }
 * }</pre>
 */
public final class Wal {
    private static final Logger LOG = LoggerFactory.getLogger(Wal.class);

    private Wal() {
    }

    /**
     * Opens (or creates) the log in {@code config.directory()} for writing.
     *
     * <p>Takes the directory lock, then reads only the tail of the log: the last
     * segment (and earlier ones while the later hold no record) to find the next
     * LSN. A torn last record is cut off and reported in the default mode; in
     * strict mode it is an error. The older segments are checked when read. If the
     * log ends inside transactions (a writer died in one), a {@code TxnRollback} is
     * appended for each, durably, so that what is appended next is replayed: finding
     * them reads the log from the last checkpoint.
     *
     * @throws WalLockedException     if another writer has the directory open
     * @throws CodecNotFoundException if the configured codec is not available
     * @throws CorruptLogException    if the tail is damaged beyond what the recovery mode allows, or the
     *                                checkpoint file is damaged or names an LSN the log does not reach
     * @throws WalIOException         if the directory cannot be created, locked or read
     */
    public static WriteAheadLog open(WalConfig config) {
        return open(config, LogFileSystem.standard());
    }

    /**
     * As {@link #open(WalConfig)}, changing files through {@code fs}: the seam tests use to inject
     * failed writes, failed forces and power losses.
     */
    public static WriteAheadLog open(WalConfig config, LogFileSystem fs) {
        EntryCodec codec = Codecs.byName(config.codec());
        RecordFraming framing = SegmentFormats.framing(config.format(), codec);
        Path directory = config.directory();
        try {
            fs.createDirectories(directory);
        } catch (IOException e) {
            throw new WalIOException("creating the log directory", directory, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(directory);
        try {
            ReadContext context = readContext(config.recoveryMode(), config.maxRecordSize(), config.problemListener());
            OptionalLong checkpoint = CheckpointFile.read(directory);
            List<SegmentFile> segments = SegmentDirectory.list(directory);
            SegmentNameCheck.requireNamesAgree(segments, context);
            LogTail tail = LogTail.find(segments, context);
            long nextLsn = NextLsn.of(tail, checkpoint, directory);
            TailPreparation.Prepared prepared = TailPreparation.prepare(fs, tail, segments, framing,
                    config.segmentSize());
            TxnBoundaryRecorder boundaries = new TxnBoundaryRecorder(fs, directory);
            Retention retention = Retention.of(config, fs, context.reportingTo(ProblemReporter.SILENT), nextLsn);
            WritePath write = WritePath.open(WriterSetup.builder(fs, directory, framing)
                    .segmentSize(config.segmentSize())
                    .preallocation(config.preallocate() ? config.segmentSize() : 0)
                    .mappedWrites(config.mappedWrites())
                    .nextLsn(nextLsn)
                    .after(prepared.lastSegment(), prepared.appendToLast())
                    .lastSegmentFirstLsn(prepared.appendToLast() ? tail.firstLsnOfLast() : -1)
                    .timer(new SyncTimer(config.slowSyncThreshold()))
                    .onSegmentStarted(boundaries.andThen(retention::segmentStarted))
                    .indexes(context.indexes())
                    .build(), config.syncPolicy());
            try {
                if (prepared.endsMidLine()) {
                    LOG.info("adding the missing newline after the last record of {}", prepared.lastSegment().path());
                    write.writer().terminateLastLine();
                }
                LogFiles files = new LogFiles(directory, context, checkpoint);
                EntryEncoder encoder = new EntryEncoder(codec, framing, config.maxRecordSize());
                OptionalLong boundary = validBoundary(fs, TxnBoundaryFile.read(directory), nextLsn, directory);
                boolean rolledBack = rollBackAbandonedTransactions(files, boundary, write, encoder, directory);
                boundaries.enable(rolledBack || boundary.isEmpty()
                        ? storeBoundary(fs, directory, write.writer().nextLsn()) : boundary.getAsLong());
                LOG.debug("opened {} at next LSN {}", directory, write.writer().nextLsn());
                SegmentedWal log = new SegmentedWal(config, fs, encoder,
                        new SegmentedWal.Parts(files, write, lock, boundaries, retention));
                retention.start(new OpenLogView(directory, write.writer(), files));
                return log;
            } catch (RuntimeException e) {
                closeAfterFailure(write, e);
                throw e;
            }
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (WalIOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    static ReadContext readContext(RecoveryMode mode, int maxRecordSize, Consumer<LogProblem> listener) {
        return new ReadContext(mode, maxRecordSize, new ProblemReporter(listener), new CodecResolver(),
                SegmentFormats.ALL, SegmentIndexes.create());
    }

    /** Stores {@code lsn} as the transaction boundary (a failure only warns: it is a hint) and returns it. */
    private static long storeBoundary(LogFileSystem fs, Path directory, long lsn) {
        TxnBoundaryFile.writeOrWarn(fs, directory, lsn);
        return lsn;
    }

    /** Closes the write side of a log whose opening failed, keeping {@code primary} the error reported. */
    private static void closeAfterFailure(WritePath write, RuntimeException primary) {
        try {
            write.close();
        } catch (RuntimeException closeFailure) {
            primary.addSuppressed(closeFailure);
        }
    }

    /**
     * The stored transaction boundary, unless the log no longer reaches it (a power loss the hint
     * outlived): such a boundary is deleted before anything is appended, since the LSNs after the end
     * are about to be written again and it would not be true of them.
     */
    private static OptionalLong validBoundary(LogFileSystem fs, OptionalLong boundary, long nextLsn,
                                              Path directory) {
        if (boundary.isEmpty() || boundary.getAsLong() <= nextLsn) {
            return boundary;
        }
        LOG.info("deleting the transaction boundary {} of {}: the log ends before it (next LSN {})",
                boundary.getAsLong(), directory, nextLsn);
        try {
            TxnBoundaryFile.delete(fs, directory);
        } catch (IOException e) {
            throw new WalIOException("deleting a transaction boundary beyond the end of the log",
                    directory.resolve(TxnBoundaryFile.FILE_NAME), e);
        }
        return OptionalLong.empty();
    }

    /**
     * A previous writer that died inside a transaction left it open: anything appended now would sit
     * inside it and never be replayed. Roll those transactions back, durably, before the first append.
     * Looks for them from the transaction boundary, if there is one, else from the last checkpoint.
     *
     * @return whether any was rolled back
     */
    private static boolean rollBackAbandonedTransactions(LogFiles files, OptionalLong boundary, WritePath write,
                                                         EntryEncoder encoder, Path directory) {
        List<Long> open = files.openTransactionsAtEnd(boundary.orElse(-1), write.writer().bound());
        if (open.isEmpty()) {
            return false;
        }
        List<byte[]> rollbacks = new ArrayList<>();
        for (long txnId : open) {
            rollbacks.add(encoder.encode(new WalEntry.TxnRollback(txnId)));
        }
        long first = write.writer().write(rollbacks);
        write.durability().awaitDurable(first + rollbacks.size() - 1);
        LOG.warn("the log in {} ended inside {} transaction(s) left open by a previous writer; rolled back at "
                + "LSN {}", directory, open.size(), first);
        return true;
    }

}
