package dev.jwal.core;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.follow.FollowingCursor;
import dev.jwal.core.read.LogCursor;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.DurableLsnFile;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentBound;
import dev.jwal.core.segment.SegmentFile;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Reads a log without changing it: no lock is taken and no torn tail is cut,
 * so it works beside a live writer, reading an incomplete last record as the
 * end of the log. Each call looks at the directory afresh. Thread safe.
 */
public final class LogInspector {
    /** How often a {@link #follow(long) follower} looks for a new durable LSN while it waits, by default. */
    public static final Duration DEFAULT_FOLLOW_POLL = Duration.ofMillis(10);
    /** How often {@link #verify(LongConsumer)} reports progress, in records. */
    public static final int VERIFY_PROGRESS_EVERY = 1024;

    private final Path directory;
    private final LogFiles files;

    private LogInspector(Path directory, LogFiles files) {
        this.directory = directory;
        this.files = files;
    }

    /**
     * @param directory the log directory
     * @param mode      how damage is treated while reading
     * @param problems  told of every torn tail and skipped record (they are logged at WARN as well)
     * @throws WalIOException      if the directory does not exist or cannot be read
     * @throws CorruptLogException if the checkpoint file is damaged
     */
    public static LogInspector open(Path directory, RecoveryMode mode, Consumer<LogProblem> problems) {
        return open(directory, mode, problems, WalConfig.DEFAULT_MAX_RECORD_SIZE);
    }

    /**
     * As {@link #open(Path, RecoveryMode, Consumer)}, reading records up to {@code maxRecordSize} bytes: a log
     * written with a larger limit than the default needs it (a larger record is reported, never skipped as
     * a torn tail).
     *
     * @throws IllegalArgumentException if {@code maxRecordSize} is not between 1 and
     *                                  {@link WalConfig#MAX_MAX_RECORD_SIZE}
     */
    public static LogInspector open(Path directory, RecoveryMode mode, Consumer<LogProblem> problems,
                                    int maxRecordSize) {
        if (maxRecordSize < 1 || maxRecordSize > WalConfig.MAX_MAX_RECORD_SIZE) {
            throw new IllegalArgumentException(String.format("maxRecordSize must be between 1 and %,d bytes, was %,d",
                    WalConfig.MAX_MAX_RECORD_SIZE, maxRecordSize));
        }
        if (!Files.isDirectory(directory)) {
            throw new WalIOException("opening the log", directory,
                    new NoSuchFileException(directory.toString(), null, "no such directory"));
        }
        ReadContext context = Wal.readContext(mode, maxRecordSize, problems);
        return new LogInspector(directory, new LogFiles(directory, context, CheckpointFile.read(directory)));
    }

    /**
     * This inspector reading without segment indexes: every read scans the segment that holds its first LSN
     * from the segment's start, ignoring index files and building no index, as reads did before indexes. For
     * comparisons (benchmarks) and for checking what an index-based read returns against a scan.
     */
    public LogInspector withoutIndexes() {
        return new LogInspector(directory, new LogFiles(directory, files.context().withoutIndexes(),
                CheckpointFile.read(directory)));
    }

    /** The LSN of the oldest record still in the log (truncation deletes the ones before), or -1 if none. */
    public long firstLsn() {
        return files.firstLsn();
    }

    /**
     * Every record from {@code fromLsn}, markers included.
     *
     * @throws dev.jwal.api.error.RecordsTruncatedException from the cursor, if {@code fromLsn} is below the
     *                                                      log's first record ({@link #firstLsn()})
     */
    public RecordCursor read(long fromLsn) {
        if (fromLsn < 0) {
            throw new IllegalArgumentException("fromLsn must be >= 0, was " + fromLsn);
        }
        return files.read(fromLsn, null);
    }

    /**
     * Follows the log from {@code fromLsn}, from another process than its writer's: as
     * {@link dev.jwal.api.WriteAheadLog#follow(long)}, with the durable LSN the writer publishes in the
     * directory ({@link #durableLsn()}) as the bound, looked at again every {@link #DEFAULT_FOLLOW_POLL} while
     * waiting. Takes no lock and changes nothing. A record is returned only once the writer published it as
     * forced, so under every sync policy no record it returns can be lost by a crash or a power loss (nor, so,
     * be written again with other contents under its LSN); the bytes past it (records not yet forced, a record
     * half written, preallocated room) are never parsed, so they are neither returned nor reported as damage.
     * Across processes it never ends on its own (a writer may always restart): close it to stop. A log no jwal
     * writer of this version has opened publishes nothing, and is followed once one does.
     *
     * @param fromLsn the LSN of the first record wanted
     * @return the cursor, to be closed by the caller; its {@code hasNext} throws
     *         {@link dev.jwal.api.error.RecordsTruncatedException} if {@code fromLsn} is below the log's first
     *         record or segments it has not read are deleted, and {@link CorruptLogException} on damage in a
     *         durable record, as the mode this inspector was opened with says
     * @throws IllegalArgumentException if {@code fromLsn} is negative
     */
    public FollowCursor follow(long fromLsn) {
        return follow(fromLsn, DEFAULT_FOLLOW_POLL);
    }

    /**
     * As {@link #follow(long)}, looking for a new durable LSN every {@code pollInterval} while waiting.
     *
     * @throws IllegalArgumentException if {@code fromLsn} is negative or {@code pollInterval} is not positive
     */
    public FollowCursor follow(long fromLsn, Duration pollInterval) {
        if (fromLsn < 0) {
            throw new IllegalArgumentException("fromLsn must be >= 0, was " + fromLsn);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        return FollowingCursor.published(lsn -> files.read(lsn, null), directory, pollInterval, fromLsn);
    }

    /**
     * The durable LSN the log's writer published: every record up to it had been forced when it was written.
     * A live writer publishes after every force, and at open once what an earlier writer left is forced.
     *
     * @return that LSN, or empty if none was published (no jwal writer of this version opened the log, or
     *         nothing is durable yet), or the file does not check out at this instant
     */
    public OptionalLong durableLsn() {
        return DurableLsnFile.read(directory);
    }

    /**
     * What recovery would replay.
     *
     * @throws CorruptLogException if the checkpoint lies past the end of the log (segments are missing), or
     *                             the tail is damaged beyond what the mode allows
     */
    public RecordCursor recover() {
        RecordCursor replay = files.recover(null);
        try {
            // The checkpoint check. A record to replay lies after the checkpoint, so the log does not end before
            // it; only without one is the tail read (silently: damage is reported once, by the replay itself).
            if (!replay.hasNext()) {
                nextLsn(LogTail.find(SegmentDirectory.list(directory),
                        files.context().reportingTo(ProblemReporter.SILENT)));
            }
        } catch (RuntimeException e) {
            replay.close();
            throw e;
        }
        return replay;
    }

    /** The persisted checkpoint, or the last Checkpoint record of a log without a checkpoint file. */
    public OptionalLong lastCheckpointLsn() {
        return files.lastCheckpointLsn();
    }

    /**
     * The LSN the next append would get, read from the tail of the log.
     *
     * @throws CorruptLogException if the tail disagrees with its segment's name or the checkpoint lies past
     *                             the end of the log
     */
    public long nextLsn() {
        return nextLsn(LogTail.find(SegmentDirectory.list(directory), files.context()));
    }

    private long nextLsn(LogTail tail) {
        return NextLsn.of(tail, files.lastCheckpointLsn(), directory);
    }

    /**
     * Reads every record of every segment and reports all damage found, a torn
     * tail included, without stopping at the first.
     */
    public VerifyReport verify() {
        return verify(recordsRead -> {
        });
    }

    /**
     * As {@link #verify()}, telling {@code progress} the number of records read so far after every
     * {@value #VERIFY_PROGRESS_EVERY} records (on this thread; for a progress bar).
     */
    public VerifyReport verify(LongConsumer progress) {
        List<LogProblem> problems = new ArrayList<>();
        ReadContext collecting = files.context().withMode(RecoveryMode.SKIP_CORRUPT)
                .reportingTo(new ProblemReporter(problems::add));
        List<SegmentFile> segments = SegmentDirectory.list(directory);
        long records = 0;
        long first = -1;
        long last = -1;
        long lastCheckpointRecord = -1;
        try (LogCursor cursor = LogCursor.scanning(segments, Long.MAX_VALUE, 0, collecting)) {
            while (cursor.hasNext()) {
                LogRecord record = cursor.next();
                if (first < 0) {
                    first = record.lsn();
                }
                if (record.entry() instanceof WalEntry.Checkpoint) {
                    lastCheckpointRecord = record.lsn();
                }
                last = record.lsn();
                records++;
                if (records % VERIFY_PROGRESS_EVERY == 0) {
                    progress.accept(records);
                }
            }
        }
        Path checkpointFile = directory.resolve(CheckpointFile.FILE_NAME);
        long checkpoint = lastCheckpointRecord;
        try {
            checkpoint = CheckpointFile.read(directory).orElse(lastCheckpointRecord);
        } catch (CorruptLogException e) {
            problems.add(new LogProblem(LogProblem.Kind.SKIPPED_RECORD, checkpointFile, 0, -1, e.detail()));
        }
        if (checkpoint > last) {
            problems.add(new LogProblem(LogProblem.Kind.SKIPPED_RECORD, checkpointFile, 0, checkpoint,
                    "the checkpoint is at LSN " + checkpoint + " but the last record is LSN " + last));
        }
        return new VerifyReport(segments.size(), records, first, last, checkpoint, problems);
    }

    /**
     * Segment count, total bytes and the first record's LSN. The preallocated room a writer that did not close
     * left after its last record is not counted.
     */
    public LogSummary summary() {
        LogTail tail = LogTail.find(SegmentDirectory.list(directory), files.context());
        SegmentBound unusedRoomExcluded = tail.unusedSpaceOffset() >= 0
                ? new SegmentBound(tail.lastSegment(), tail.unusedSpaceOffset())
                : null;
        LogFiles.Summary summary = files.summary(unusedRoomExcluded);
        OptionalLong checkpoint = files.lastCheckpointLsn();
        return new LogSummary(summary.segmentCount(), summary.totalBytes(), summary.firstLsn(), nextLsn(tail),
                checkpoint.orElse(-1));
    }
}
