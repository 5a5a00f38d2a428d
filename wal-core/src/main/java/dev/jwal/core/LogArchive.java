package dev.jwal.core;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.archive.ArchivedCopy;
import dev.jwal.core.archive.SegmentCopy;
import dev.jwal.core.io.ExclusiveFileLock;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies the finished segments of a log into an archive directory, as {@code wal archive} does, so that
 * {@link LogRestore} can rebuild the log up to any LSN they hold (point-in-time recovery).
 *
 * <ul>
 *   <li><b>Which segments.</b> If a writer has the log open (its lock is held), every segment but the last: the
 *       last is the one being written. Otherwise the log is closed and the archive holds the directory lock
 *       while it runs, so no writer starts meanwhile: every segment, the last one up to the end of its last
 *       complete record (not a torn tail, nor room a writer that did not close left).</li>
 *   <li><b>Atomic and durable.</b> Each copy goes to a temporary file created exclusively, is forced, renamed
 *       to the segment's name and the archive directory forced: a crash leaves a whole copy or none.</li>
 *   <li><b>Idempotent, never overwriting.</b> A copy with the same bytes is left alone. A shorter copy that
 *       the segment begins with is replaced (the segment was the last of a closed log when archived, and a
 *       writer appended to it since). Any other file under the name is never replaced:
 *       {@link ArchiveConflictException}.</li>
 *   <li><b>Only segments.</b> The checkpoint file is not copied: the checkpoint records in the segments carry
 *       the same LSNs, and a restored log finds its checkpoint among them.</li>
 * </ul>
 * The log is only read. One archive run at a time per archive: it holds {@value #LOCK_FILE} there.
 */
public final class LogArchive {
    /** The lock file an archive run holds in the archive directory. */
    public static final String LOCK_FILE = "archive.lock";
    private static final String TEMP_SUFFIX = ".archiving";
    private static final Logger LOG = LoggerFactory.getLogger(LogArchive.class);

    private LogArchive() {
    }

    /**
     * What an archive run did.
     *
     * @param copied      segments copied for the first time
     * @param replaced    segments whose shorter copy was replaced by a longer one
     * @param unchanged   segments the archive held already, byte for byte
     * @param skipped     the last segment, if a writer was writing it (null otherwise)
     * @param bytesCopied bytes written into the archive
     */
    public record Report(List<Path> copied, List<Path> replaced, List<Path> unchanged, Path skipped,
                         long bytesCopied) {
        public Report {
            copied = List.copyOf(copied);
            replaced = List.copyOf(replaced);
            unchanged = List.copyOf(unchanged);
        }
    }

    /** As {@link #archive(Path, Path, LongConsumer, LogFileSystem)} on the real file system. */
    public static Report archive(Path directory, Path archive, LongConsumer progress) {
        return archive(directory, archive, progress, LogFileSystem.standard());
    }

    /**
     * Archives the finished segments of the log in {@code directory} into {@code archive} (created if missing).
     *
     * @param progress told of each chunk of bytes copied (the count of the chunk)
     * @throws ArchiveConflictException if the archive holds a different file under a segment's name; the segments
     *                                  before it are archived
     * @throws WalLockedException       if another archive run holds the archive
     * @throws CorruptLogException      if a segment name is not a regular file, or two carry one number
     * @throws WalIOException           if the log directory does not exist, or a file cannot be read or written
     */
    public static Report archive(Path directory, Path archive, LongConsumer progress, LogFileSystem fs) {
        requireDirectory(directory, "archiving the log");
        try {
            fs.createDirectories(archive);
        } catch (IOException e) {
            throw new WalIOException("creating the archive directory", archive, e);
        }
        try (ExclusiveFileLock archiveLock = ExclusiveFileLock.acquire(archive, LOCK_FILE,
                holder -> new WalLockedException(archive, "another archive run (" + holder + ") is writing it"));
             WriterCheck writer = WriterCheck.of(directory)) {
            return archiveSegments(directory, archive, writer.live(), progress, fs);
        }
    }

    private static Report archiveSegments(Path directory, Path archive, boolean writerLive, LongConsumer progress,
                                          LogFileSystem fs) {
        List<SegmentFile> segments = SegmentDirectory.list(directory);
        List<Path> copied = new ArrayList<>();
        List<Path> replaced = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        Path skipped = null;
        long[] bytes = {0};
        LongConsumer counting = n -> {
            bytes[0] += n;
            progress.accept(n);
        };
        for (int i = 0; i < segments.size(); i++) {
            SegmentFile segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (last && writerLive) {
                skipped = segment.path();
                break;
            }
            long length = last ? closedLastLength(segments) : size(segment.path());
            if (length < 0) {
                break; // the last segment of a closed log holds no record
            }
            Path target = archive.resolve(segment.fileName());
            try {
                switch (ArchivedCopy.compare(target, segment.path(), length)) {
                    case SAME -> unchanged.add(target);
                    case DIFFERENT -> throw new ArchiveConflictException(target, segment.path());
                    case PREFIX -> {
                        SegmentCopy.copy(fs, segment.path(), length, target, TEMP_SUFFIX, counting);
                        replaced.add(target);
                    }
                    case NONE -> {
                        SegmentCopy.copy(fs, segment.path(), length, target, TEMP_SUFFIX, counting);
                        copied.add(target);
                    }
                }
            } catch (NoSuchFileException e) {
                throw new WalIOException("archiving a segment (it was deleted meanwhile: truncated or retired by "
                        + "the writer's retention before it was archived)", segment.path(), e);
            } catch (IOException e) {
                throw new WalIOException("archiving a segment into " + archive, segment.path(), e);
            }
        }
        LOG.info("archived {} into {}: {} copied, {} replaced by a longer copy, {} unchanged{}", directory, archive,
                copied.size(), replaced.size(), unchanged.size(), skipped == null ? "" : ", " + skipped
                        + " skipped (a writer is writing it)");
        return new Report(copied, replaced, unchanged, skipped, bytes[0]);
    }

    /**
     * How many bytes of a closed log's last segment to archive: up to the end of its last complete record, or
     * -1 if it holds none.
     */
    private static long closedLastLength(List<SegmentFile> segments) {
        LogTail tail = LogTail.find(segments, Wal.readContext(RecoveryMode.TRUNCATE_TORN_TAIL,
                WalConfig.MAX_MAX_RECORD_SIZE, problem -> { }).reportingTo(ProblemReporter.SILENT));
        if (tail.firstLsnOfLast() < 0) {
            return -1;
        }
        boolean cut = tail.tornTailOffset() >= 0 || tail.unusedSpaceOffset() >= 0;
        return cut ? tail.validBytes() : size(tail.lastSegment().path());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new WalIOException("reading the size of", file, e);
        }
    }

    static void requireDirectory(Path directory, String action) {
        if (!Files.isDirectory(directory)) {
            throw new WalIOException(action, directory,
                    new NoSuchFileException(directory.toString(), null, "no such directory"));
        }
    }

    /** Whether a writer has the log open; if not, holds the log's lock until closed, so none starts. */
    private static final class WriterCheck implements AutoCloseable {
        private final DirectoryLock lock;

        private WriterCheck(DirectoryLock lock) {
            this.lock = lock;
        }

        static WriterCheck of(Path directory) {
            try {
                return new WriterCheck(DirectoryLock.acquire(directory));
            } catch (WalLockedException live) {
                return new WriterCheck(null);
            }
        }

        boolean live() {
            return lock == null;
        }

        @Override
        public void close() {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
