package dev.jwal.core.segment;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.io.RegularFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of segment bytes kept beside the segment before the log cuts them, so that nothing that might be a
 * record is deleted without a trace. A side file is created exclusively under a name no earlier copy has
 * ({@code NAME.wal.cut-OFFSET}, then {@code .1}, {@code .2}, ... if taken), never overwritten, forced, and the
 * directory forced, before the caller cuts. Side file names never parse as segment names, so the log never
 * reads them as records.
 *
 * <p>Two kinds of file sit beside a segment under its name: <em>kept copies</em> ({@code NAME.wal.cut-*},
 * {@code NAME.wal.broken*}), bytes the log cut that might be records, which the log never deletes; and
 * <em>derived files</em> (any other {@code NAME.wal.*}, e.g. an index), which belong to the segment and are
 * deleted with it ({@link #derivedFrom}). Stateless, thread safe.
 */
public final class SideFiles {
    /** The suffix of a copy of the bytes cut off a segment, followed by the offset they started at. */
    public static final String CUT_SUFFIX = ".cut-";
    /** The suffix of a whole copy of a segment that {@code wal repair} cut; see {@code LogRepair}. */
    public static final String BROKEN_SUFFIX = ".broken";
    private static final int CHUNK = 1 << 20;

    private SideFiles() {
    }

    /**
     * Copies bytes {@code from} to the end of {@code segment} into {@code NAME.cut-FROM} beside it.
     *
     * @return the side file
     * @throws IOException if the copy cannot be made durable; the segment is unchanged
     */
    public static Path copyTail(LogFileSystem fs, Path segment, long from) throws IOException {
        return copy(fs, segment, from, segment.getFileName() + CUT_SUFFIX + from);
    }

    /**
     * Copies all of {@code segment} into {@code NAME + suffix} beside it (or the first free {@code .N} after).
     *
     * @return the side file
     * @throws IOException if the copy cannot be made durable; the segment is unchanged
     */
    public static Path copyWhole(LogFileSystem fs, Path segment, String suffix) throws IOException {
        return copy(fs, segment, 0, segment.getFileName() + suffix);
    }

    /**
     * Whether {@code fileName} is a kept copy of bytes cut off a segment ({@code NAME.wal.cut-*} or
     * {@code NAME.wal.broken*}): never deleted by the log.
     */
    public static boolean isKeptCopy(String segmentName, String fileName) {
        return fileName.startsWith(segmentName + CUT_SUFFIX) || fileName.startsWith(segmentName + BROKEN_SUFFIX);
    }

    /**
     * The files beside {@code segment} that belong to it and go when it goes: every {@code NAME.wal.*} but the
     * kept copies. One rule, by name, so that a side file added later (an index) needs no change here.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> derivedFrom(SegmentFile segment) throws IOException {
        String name = segment.fileName();
        List<Path> derived = new ArrayList<>();
        Path directory = segment.path().toAbsolutePath().getParent();
        DirectoryStream.Filter<Path> belongs = entry -> {
            String fileName = entry.getFileName().toString();
            return fileName.startsWith(name + ".") && !isKeptCopy(name, fileName);
        };
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, belongs)) {
            entries.forEach(derived::add);
        }
        derived.sort(null);
        return derived;
    }

    private static Path copy(LogFileSystem fs, Path segment, long from, String baseName) throws IOException {
        try (FileChannel source = RegularFiles.openForReading(segment)) {
            LogFileSystem.AppendableFile target = createUnique(fs, segment.resolveSibling(baseName));
            try (target) {
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                long at = from;
                long size = source.size();
                while (at < size) {
                    buffer.clear().limit((int) Math.min(CHUNK, size - at));
                    int read = source.read(buffer, at);
                    if (read < 0) {
                        break;
                    }
                    at += read;
                    buffer.flip();
                    target.write(new ByteBuffer[]{buffer});
                }
                target.force();
            }
            fs.forceDirectory(segment.toAbsolutePath().getParent());
            return target.path();
        }
    }

    private static LogFileSystem.AppendableFile createUnique(LogFileSystem fs, Path base) throws IOException {
        for (int n = 0; ; n++) {
            Path candidate = n == 0 ? base : base.resolveSibling(base.getFileName() + "." + n);
            try {
                return fs.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                if (n == 10_000) {
                    throw taken;
                }
            }
        }
    }
}
