package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.LogTail;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.segment.SideFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Repairs a log explicitly, as {@code wal repair} does: cuts a torn tail off the
 * last segment after copying that segment aside as {@code NAME.wal.broken} (or
 * {@code NAME.wal.broken.N}: an earlier copy is never overwritten), so the cut
 * bytes can still be examined. Only a torn tail is repaired; damage
 * anywhere else is reported, not touched (convert the log with
 * {@link RecoveryMode#SKIP_CORRUPT} to drop damaged records).
 */
public final class LogRepair {
    private static final Logger LOG = LoggerFactory.getLogger(LogRepair.class);
    public static final String BROKEN_SUFFIX = SideFiles.BROKEN_SUFFIX;

    private LogRepair() {
    }

    /**
     * What a repair did.
     *
     * @param segment    the segment that was cut, or null if nothing needed repair
     * @param offset     where the torn tail started
     * @param bytesCut   how many bytes were cut
     * @param brokenCopy the copy of the segment as it was before the cut
     */
    public record Report(Path segment, long offset, long bytesCut, Path brokenCopy) {
        /** Whether anything was cut. */
        public boolean repaired() {
            return segment != null;
        }
    }

    /** As {@link #repair(Path, LogFileSystem)} on the real file system. */
    public static Report repair(Path directory) {
        return repair(directory, LogFileSystem.standard());
    }

    /**
     * Takes the directory lock and cuts a torn tail, if there is one.
     *
     * @throws WalLockedException  if a writer has the log open
     * @throws CorruptLogException if the last segment is damaged before its end, which repair does not touch
     * @throws WalIOException      if the directory is missing or a file cannot be copied or cut
     */
    public static Report repair(Path directory, LogFileSystem fs) {
        if (!Files.isDirectory(directory)) {
            throw new WalIOException("repairing the log", directory,
                    new java.nio.file.NoSuchFileException(directory.toString(), null, "no such directory"));
        }
        try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
            ReadContext context = Wal.readContext(RecoveryMode.TRUNCATE_TORN_TAIL, WalConfig.DEFAULT_MAX_RECORD_SIZE,
                    LogRepair::logProblem);
            LogTail tail = LogTail.find(SegmentDirectory.list(directory), context);
            if (tail.tornTailOffset() < 0) {
                return new Report(null, -1, 0, null);
            }
            Path segment = tail.lastSegment().path();
            long size = Files.size(segment);
            Path broken = SideFiles.copyWhole(fs, segment, BROKEN_SUFFIX);
            fs.truncate(segment, tail.tornTailOffset());
            LOG.warn("cut {} bytes of a torn tail off {} at offset {}; the segment as it was is in {}",
                    size - tail.tornTailOffset(), segment, tail.tornTailOffset(), broken);
            return new Report(segment, tail.tornTailOffset(), size - tail.tornTailOffset(), broken);
        } catch (IOException e) {
            throw new WalIOException("repairing the log", directory, e);
        }
    }

    private static void logProblem(LogProblem problem) {
        LOG.debug("repair found {}", problem);
    }

}
