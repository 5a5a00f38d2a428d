package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.format.SegmentFormats;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.TxnBoundaryFile;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.write.SyncTimer;
import dev.jwal.core.write.WritePath;
import dev.jwal.core.write.WriterSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Rewrites a log with another codec or segment format, as {@code wal convert}
 * does, keeping every record's LSN (markers included) and the checkpoint. The
 * source is read without a lock and never changed; the target must be a new or
 * empty directory and is locked while it is written. Streams: memory does not
 * grow with the log.
 */
public final class LogConverter {
    private static final Logger LOG = LoggerFactory.getLogger(LogConverter.class);
    private static final int BATCH_RECORDS = 512;
    private static final int BATCH_BYTES = 1 << 20;
    /** How often progress is reported, in records. */
    public static final long PROGRESS_EVERY = 10_000;

    private LogConverter() {
    }

    /**
     * What a conversion wrote.
     *
     * @param records       records copied
     * @param firstLsn      the first record's LSN, or -1 if the source held none
     * @param lastLsn       the last record's LSN, or -1
     * @param checkpointLsn the checkpoint carried over, or -1
     */
    public record Report(long records, long firstLsn, long lastLsn, long checkpointLsn) {
    }

    /** As {@link #convert(Path, WalConfig, RecoveryMode, LongConsumer, LogFileSystem)} on the real file system. */
    public static Report convert(Path source, WalConfig target, RecoveryMode sourceMode, LongConsumer progress) {
        return convert(source, target, sourceMode, progress, LogFileSystem.standard());
    }

    /**
     * Copies every record of {@code source} into {@code target.directory()} with
     * {@code target}'s codec, format and segment size, then forces it and writes
     * the source's checkpoint.
     *
     * @param sourceMode how damage in the source is treated; with skip-corrupt, damaged records are reported
     *                   and, since LSNs must stay contiguous, a gap they leave stops the conversion
     * @param progress   told the number of records copied so far, every {@value #PROGRESS_EVERY} records
     * @throws EntryRejectedException if the target codec cannot represent a record (e.g. NaN into json),
     *                                naming its LSN
     * @throws WalException           if the target holds segments already, or the source has an LSN gap
     */
    public static Report convert(Path source, WalConfig target, RecoveryMode sourceMode, LongConsumer progress,
                                 LogFileSystem fs) {
        LogInspector inspector = LogInspector.open(source, sourceMode, target.problemListener());
        OptionalLong checkpoint = inspector.lastCheckpointLsn();
        return convert(inspector.read(Math.max(0, inspector.firstLsn())), checkpoint, source.toString(), target,
                progress, fs);
    }

    /**
     * Copies records read from anywhere (a log kept elsewhere than in a directory, such as one on BookKeeper) into
     * {@code target.directory()} with {@code target}'s codec, format and segment size, keeping their LSNs, then
     * forces it and writes {@code checkpoint}.
     *
     * @param records    every record of the source from its first, markers included, LSNs contiguous; closed here
     * @param checkpoint the source's checkpoint, to carry over
     * @param sourceName the source, for messages
     * @param progress   told the number of records copied so far, every {@value #PROGRESS_EVERY} records
     * @throws EntryRejectedException as {@link #convert(Path, WalConfig, RecoveryMode, LongConsumer)}
     * @throws WalException           if the target holds segments already, or the records have an LSN gap
     */
    public static Report convert(RecordCursor records, OptionalLong checkpoint, String sourceName, WalConfig target,
                                 LongConsumer progress, LogFileSystem fs) {
        RecordFraming framing = SegmentFormats.framing(target.format(), Codecs.byName(target.codec()));
        Path directory = target.directory();
        try (records) {
            try {
                fs.createDirectories(directory);
            } catch (IOException e) {
                throw new WalIOException("creating the target directory", directory, e);
            }
            try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
                if (!SegmentDirectory.list(directory).isEmpty() || Files.exists(directory.resolve(CheckpointFile.FILE_NAME), LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(directory.resolve(TxnBoundaryFile.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                    throw new WalException("the target directory " + directory + " already holds a log; convert "
                            + "writes into a new or empty directory");
                }
                Report report = copy(records, sourceName, target, framing, progress, fs);
                if (checkpoint.isPresent()) {
                    CheckpointFile.write(fs, directory, checkpoint.getAsLong());
                }
                LOG.info("converted {} records of {} into {} ({} {})", report.records(), sourceName, directory,
                        target.format().cliName(), target.codec());
                return new Report(report.records(), report.firstLsn(), report.lastLsn(), checkpoint.orElse(-1));
            } catch (IOException e) {
                throw new WalIOException("converting into", directory, e);
            }
        }
    }

    private static Report copy(RecordCursor cursor, String source, WalConfig target, RecordFraming framing,
                               LongConsumer progress, LogFileSystem fs) {
        Path directory = target.directory();
        EntryEncoder encoder = new EntryEncoder(Codecs.byName(target.codec()), framing, target.maxRecordSize());
        WritePath writer = null;
        long records = 0;
        long first = -1;
        long next = -1;
        List<byte[]> batch = new ArrayList<>();
        int batchBytes = 0;
        try {
            while (cursor.hasNext()) {
                LogRecord record = cursor.next();
                if (writer == null) {
                    first = record.lsn();
                    next = first;
                    // No preallocation: a conversion does not force per record, so it would buy nothing.
                    writer = WritePath.open(WriterSetup.builder(fs, directory, framing)
                            .segmentSize(target.segmentSize()).nextLsn(first)
                            .timer(new SyncTimer(target.slowSyncThreshold())).build(), SyncPolicy.manual());
                }
                if (record.lsn() != next) {
                    throw new WalException("the source log in " + source + " has no record " + next + " (found "
                            + record.lsn() + "): a converted log keeps LSNs, so it cannot have gaps");
                }
                byte[] payload = encode(encoder, record);
                batch.add(payload);
                batchBytes += payload.length;
                next++;
                records++;
                if (batch.size() >= BATCH_RECORDS || batchBytes >= BATCH_BYTES) {
                    writer.durability().append(batch);
                    batch.clear();
                    batchBytes = 0;
                }
                if (records % PROGRESS_EVERY == 0) {
                    progress.accept(records);
                }
            }
            if (writer != null) {
                if (!batch.isEmpty()) {
                    writer.durability().append(batch);
                }
                writer.durability().sync();
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return new Report(records, first, next - 1, -1);
    }

    private static byte[] encode(EntryEncoder encoder, LogRecord record) {
        try {
            return encoder.encode(record.entry());
        } catch (EntryRejectedException e) {
            throw new EntryRejectedException("record " + record.lsn() + " cannot be converted to codec '"
                    + encoder.codecName() + "': " + e.getMessage());
        }
    }
}
