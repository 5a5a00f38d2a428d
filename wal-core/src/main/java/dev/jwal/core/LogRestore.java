package dev.jwal.core;

import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.archive.SegmentCopy;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.read.SegmentReader;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SegmentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Rebuilds a log from archived segments ({@link LogArchive}) up to a chosen LSN, as {@code wal restore} does:
 * point-in-time recovery. The new log holds exactly the records of the archive from its first one up to and
 * including that LSN: every segment before the one holding it is copied whole, that one up to the end of the
 * record, byte for byte, so the new log's segment files, concatenated, are a prefix of the original log's.
 *
 * <p>Everything is checked before anything is written: the target must be new or empty; every record up to
 * the LSN is read (strictly: any damage is an error, naming segment, offset and LSN) and LSNs must run on
 * without a gap across segments (a segment missing from the archive is an error). Each file is copied
 * through a temporary file, forced and renamed, and the directory forced. No checkpoint file is written: the
 * new log's recovery starts after its last Checkpoint record, and when a writer opens it, a transaction the
 * LSN cuts through is rolled back (its commit is not in the new log). The archive is only read.
 */
public final class LogRestore {
    private static final String TEMP_SUFFIX = ".restoring";
    private static final Logger LOG = LoggerFactory.getLogger(LogRestore.class);

    private LogRestore() {
    }

    /**
     * What a restore wrote.
     *
     * @param segments segment files written
     * @param firstLsn the first record's LSN
     * @param lastLsn  the last record's LSN: the LSN asked for, or the archive's last when none was
     * @param bytes    bytes written
     */
    public record Report(int segments, long firstLsn, long lastLsn, long bytes) {
    }

    /** As {@link #restore(Path, Path, long, LongConsumer, LogFileSystem)} on the real file system. */
    public static Report restore(Path archive, Path directory, long toLsn, LongConsumer progress) {
        return restore(archive, directory, toLsn, progress, LogFileSystem.standard());
    }

    /**
     * Writes the records of {@code archive} up to {@code toLsn} into the new log {@code directory}.
     *
     * @param toLsn    the last LSN to restore (inclusive), or -1 for the archive's last complete record
     * @param progress told of each chunk of bytes read or copied (the count of the chunk)
     * @throws IllegalArgumentException if {@code directory} exists and is not empty, or the archive does not
     *                                  hold {@code toLsn} (it starts after it or ends before it), or holds no
     *                                  record
     * @throws CorruptLogException      if a record up to {@code toLsn} is damaged, or LSNs skip (a segment is
     *                                  missing from the archive)
     * @throws WalIOException           if the archive does not exist or a file cannot be read or written
     */
    public static Report restore(Path archive, Path directory, long toLsn, LongConsumer progress, LogFileSystem fs) {
        if (toLsn < -1) {
            throw new IllegalArgumentException("toLsn must be >= 0 (or -1 for all), was " + toLsn);
        }
        LogArchive.requireDirectory(archive, "restoring from the archive");
        requireNewOrEmpty(directory);
        Plan plan = plan(SegmentDirectory.list(archive), toLsn, progress);
        try {
            fs.createDirectories(directory);
            long bytes = 0;
            for (int i = 0; i < plan.segments.size(); i++) {
                SegmentFile segment = plan.segments.get(i);
                long length = i == plan.segments.size() - 1 ? plan.lastLength : Files.size(segment.path());
                SegmentCopy.copy(fs, segment.path(), length, directory.resolve(segment.fileName()), TEMP_SUFFIX,
                        progress);
                bytes += length;
            }
            fs.forceDirectory(directory);
            LOG.info("restored LSNs {} to {} from {} into {} ({} segment(s))", plan.firstLsn, plan.lastLsn, archive,
                    directory, plan.segments.size());
            return new Report(plan.segments.size(), plan.firstLsn, plan.lastLsn, bytes);
        } catch (IOException e) {
            throw new WalIOException("restoring into", directory, e);
        }
    }

    private static void requireNewOrEmpty(Path directory) {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(directory + " exists and is not a directory: restore writes a new "
                    + "log into a new or empty directory");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            if (entries.iterator().hasNext()) {
                throw new IllegalArgumentException(directory + " is not empty: restore writes a new log into a new "
                        + "or empty directory, and never over files already there");
            }
        } catch (IOException e) {
            throw new WalIOException("listing the restore target", directory, e);
        }
    }

    /** Which segments to copy, and how much of the last, found by reading every record up to the LSN. */
    private record Plan(List<SegmentFile> segments, long lastLength, long firstLsn, long lastLsn) {
    }

    private static Plan plan(List<SegmentFile> segments, long toLsn, LongConsumer progress) {
        ReadContext strict = Wal.readContext(RecoveryMode.STRICT, WalConfig.MAX_MAX_RECORD_SIZE, problem -> { })
                .reportingTo(ProblemReporter.SILENT);
        Span span = new Span(toLsn);
        int holdingLast = -1;
        long lastEnd = 0;
        for (int i = 0; i < segments.size() && !span.reached(); i++) {
            long end = readSegment(segments.get(i), i == segments.size() - 1, span, strict, progress);
            if (end >= 0) {
                holdingLast = i;
                lastEnd = end;
            }
        }
        if (span.first < 0) {
            throw new IllegalArgumentException("the archive holds no record");
        }
        if (toLsn >= 0 && span.last < toLsn) {
            throw new IllegalArgumentException("the archive ends at LSN " + span.last + ", before LSN " + toLsn
                    + ": archive the log again (its later segments) or restore to an earlier LSN");
        }
        return new Plan(segments.subList(0, holdingLast + 1), lastEnd, span.first, span.last);
    }

    /** The records read so far: the first and last LSN, and the one to stop at. */
    private static final class Span {
        private final long toLsn;
        private long first = -1;
        private long last = -1;

        Span(long toLsn) {
            this.toLsn = toLsn;
        }

        boolean reached() {
            return toLsn >= 0 && last == toLsn;
        }

        /** Takes the next record's LSN, checking it follows the last one. */
        void take(long lsn, SegmentFile segment, long offset) {
            if (first < 0) {
                if (toLsn >= 0 && lsn > toLsn) {
                    throw new IllegalArgumentException("the archive starts at LSN " + lsn + " (" + segment.path()
                            + "), after LSN " + toLsn + ": it cannot restore that far back");
                }
                first = lsn;
            } else if (lsn != last + 1) {
                throw new CorruptLogException(segment.path(), offset, last + 1, CorruptLogException.Kind.CORRUPT_RECORD,
                        "the archive holds LSN " + last + " then LSN " + lsn + ": records " + (last + 1) + " to "
                                + (lsn - 1) + " are missing (a segment was not archived)", null);
            }
            last = lsn;
        }
    }

    /**
     * Reads the records of one archived segment until the span reaches its LSN.
     *
     * @return the end offset of its last record read, or -1 if it holds none
     */
    private static long readSegment(SegmentFile segment, boolean lastSegment, Span span, ReadContext strict,
                                    LongConsumer progress) {
        try (SegmentReader reader = strict.open(segment, Long.MAX_VALUE)) {
            long end = -1;
            long readBefore = 0;
            while (!span.reached() && reader.next()) {
                progress.accept(reader.endOffset() - readBefore);
                readBefore = reader.endOffset();
                if (reader.damage() != null) {
                    if (lastSegment && reader.damage().lastInSegment() && span.toLsn < 0) {
                        break; // a torn tail at the archive's end: restore what came before it
                    }
                    throw new CorruptLogException(segment.path(), reader.offset(), span.last + 1,
                            CorruptLogException.Kind.CORRUPT_RECORD, "the archive is damaged before the LSN to "
                            + "restore to: " + reader.damage().detail(), reader.damage().cause());
                }
                span.take(reader.lsn(), segment, reader.offset());
                end = reader.endOffset();
            }
            return end;
        } catch (IOException e) {
            throw new WalIOException("reading an archived segment", segment.path(), e);
        }
    }
}
