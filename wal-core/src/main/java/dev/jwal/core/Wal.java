package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.format.SegmentFormats;
import dev.jwal.core.format.SegmentLayout;
import dev.jwal.core.lines.LineFormat;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.CodecResolver;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.read.SegmentNameCheck;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.io.RegularFiles;
import dev.jwal.core.segment.SegmentFile;
import dev.jwal.core.segment.SideFiles;
import dev.jwal.core.segment.TxnBoundaryFile;
import dev.jwal.core.write.RecordFraming;
import dev.jwal.core.write.SegmentWriter;
import dev.jwal.core.write.SyncTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        RecordFraming framing = RecordFraming.of(config.format(), codec);
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
            if (tail.tornTailOffset() >= 0) {
                cutTornTail(fs, tail);
            } else if (tail.unusedSpaceOffset() >= 0) {
                releaseUnusedSpace(fs, tail);
            }
            SegmentFile last = tail.lastSegment();
            boolean reopen = last != null && canAppendTo(last, tail, framing, config.segmentSize());
            if (last != null && !reopen && isEmpty(last)) {
                deleteEmpty(fs, last, directory);
                last = segments.size() > 1 ? segments.get(segments.size() - 2) : null;
            }
            TxnBoundaryRecorder boundaries = new TxnBoundaryRecorder(fs, directory);
            long preallocation = config.preallocate() ? config.segmentSize() : 0;
            SegmentWriter writer = new SegmentWriter(fs, directory, config.segmentSize(), preallocation, framing,
                    nextLsn, last, reopen, new SyncTimer(config.slowSyncThreshold()), boundaries);
            if (reopen && framing.format() == SegmentFormat.LINES && endsWithoutNewline(last)) {
                LOG.info("adding the missing newline after the last record of {}", last.path());
                writer.terminateLastLine();
            }
            LogFiles files = new LogFiles(directory, context, checkpoint);
            OptionalLong boundary = validBoundary(fs, TxnBoundaryFile.read(directory), nextLsn, directory);
            boolean rolledBack = rollBackAbandonedTransactions(files, boundary, writer, codec, framing, directory);
            long stored = boundary.orElse(-1);
            if (rolledBack || boundary.isEmpty()) {
                stored = writer.nextLsn();
                TxnBoundaryFile.writeOrWarn(fs, directory, stored);
            }
            boundaries.enable(stored);
            LOG.debug("opened {} at next LSN {}", directory, writer.nextLsn());
            return new SegmentedWal(config, fs, codec, framing, files, writer, lock, boundaries);
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
                SegmentFormats.ALL);
    }

    /**
     * Cuts the torn tail off the last segment. Unless it is only an incomplete final record, the bytes go to a
     * side file first (see {@link SideFiles}): damage at the end may hide complete records.
     */
    private static void cutTornTail(LogFileSystem fs, LogTail tail) {
        Path file = tail.lastSegment().path();
        long offset = tail.tornTailOffset();
        try {
            long size = Files.size(file);
            if (tail.tornTailIncomplete()) {
                fs.truncate(file, offset);
                LOG.warn("cut an incomplete last record of {} bytes off {} at offset {}", size - offset, file, offset);
                return;
            }
            Path copy = SideFiles.copyTail(fs, file, offset);
            fs.truncate(file, offset);
            LOG.warn("cut a damaged tail of {} bytes off {} at offset {}; the cut bytes are kept in {}",
                    size - offset, file, offset, copy);
        } catch (IOException e) {
            throw new WalIOException("cutting the torn tail", file, e);
        }
    }

    /**
     * A writer that did not close (a crash, a kill) leaves its segment's preallocated room: cut it, so
     * that appends go on right after the last record. Not a problem to report: no record was there.
     */
    private static void releaseUnusedSpace(LogFileSystem fs, LogTail tail) {
        Path file = tail.lastSegment().path();
        try {
            long size = Files.size(file);
            fs.truncate(file, tail.unusedSpaceOffset());
            LOG.info("released {} bytes of preallocated room after the last record of {}, which was not closed",
                    size - tail.unusedSpaceOffset(), file);
        } catch (IOException e) {
            throw new WalIOException("releasing the preallocated room of the last segment", file, e);
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
    private static boolean rollBackAbandonedTransactions(LogFiles files, OptionalLong boundary, SegmentWriter writer,
                                                         EntryCodec codec, RecordFraming framing, Path directory) {
        List<Long> open = files.openTransactionsAtEnd(boundary.orElse(-1), writer.bound());
        if (open.isEmpty()) {
            return false;
        }
        List<byte[]> rollbacks = new ArrayList<>();
        for (long txnId : open) {
            byte[] payload = codec.encode(new WalEntry.TxnRollback(txnId));
            framing.check(payload);
            rollbacks.add(payload);
        }
        long first = writer.write(rollbacks);
        writer.awaitDurable(first + rollbacks.size() - 1);
        LOG.warn("the log in {} ended inside {} transaction(s) left open by a previous writer; rolled back at "
                + "LSN {}", directory, open.size(), first);
        return true;
    }

    /** Whether the segment's last byte is not a newline: a complete last record the reference left unterminated. */
    private static boolean endsWithoutNewline(SegmentFile segment) {
        try (FileChannel channel = RegularFiles.openForReading(segment.path())) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != LineFormat.NEWLINE;
        } catch (IOException e) {
            throw new WalIOException("reading the end of the last segment", segment.path(), e);
        }
    }

    /**
     * Whether appends can go on in the last segment: same format and codec, a readable header that agrees
     * with the segment's name (never after a damaged one: what follows would be unreadable), and room left.
     * An empty file takes lines records only: a framed segment starts with its header.
     */
    private static boolean canAppendTo(SegmentFile last, LogTail tail, RecordFraming framing, long segmentSize) {
        SegmentLayout layout;
        try {
            layout = SegmentLayout.of(last);
        } catch (IOException e) {
            throw new WalIOException("reading the header of the last segment", last.path(), e);
        }
        boolean sameLayout;
        if (layout instanceof SegmentLayout.Framed framed) {
            sameLayout = framing.format() == SegmentFormat.FRAMED && framed.header().codecName()
                    .equals(framing.codecName());
        } else if (layout instanceof SegmentLayout.Lines || layout instanceof SegmentLayout.Empty) {
            sameLayout = framing.format() == SegmentFormat.LINES;
        } else {
            sameLayout = false;
        }
        return sameLayout && tail.validBytes() < segmentSize;
    }

    private static boolean isEmpty(SegmentFile segment) {
        try {
            return Files.size(segment.path()) == 0;
        } catch (IOException e) {
            throw new WalIOException("reading the size of the last segment", segment.path(), e);
        }
    }

    /** An empty segment file holds nothing; it goes, so that a segment with a header can take its place. */
    private static void deleteEmpty(LogFileSystem fs, SegmentFile segment, Path directory) {
        try {
            fs.delete(segment.path());
            fs.forceDirectory(directory);
            LOG.debug("deleted the empty last segment {}", segment.path());
        } catch (IOException e) {
            throw new WalIOException("deleting an empty segment", segment.path(), e);
        }
    }
}
