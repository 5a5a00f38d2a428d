package dev.jwal.core.archive;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.io.RegularFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Copies the first bytes of a segment file into another directory atomically and durably: into a temporary
 * file created exclusively, forced, renamed to its name, and the directory forced. A crash leaves the old file
 * (or none) or the whole new one under the name, never part of one. The caller decides whether the name may
 * be taken ({@link ArchivedCopy}). Stateless.
 */
public final class SegmentCopy {
    private static final int CHUNK = 1 << 20;

    private SegmentCopy() {
    }

    /**
     * Copies bytes {@code [0, length)} of {@code source} to {@code target}, through {@code target + tempSuffix},
     * replacing {@code target} if it exists. A temporary file a crashed earlier run left is replaced: it only
     * ever holds a copy.
     *
     * @param copied told of the bytes copied, as they are
     * @throws IOException if the source is shorter than {@code length} or any step fails; {@code target} is then
     *                     unchanged
     */
    public static void copy(LogFileSystem fs, Path source, long length, Path target, String tempSuffix, LongConsumer copied)
            throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + tempSuffix);
        if (RegularFiles.existsAsRegular(temporary)) {
            fs.delete(temporary);
        }
        try (FileChannel in = RegularFiles.openForReading(source);
             LogFileSystem.AppendableFile out = fs.createFile(temporary)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long at = 0;
            while (at < length) {
                buffer.clear().limit((int) Math.min(CHUNK, length - at));
                int read = in.read(buffer, at);
                if (read < 0) {
                    throw new IOException(String.format("%s ended at byte %,d while copying %,d bytes of it", source,
                            at, length));
                }
                at += read;
                buffer.flip();
                out.write(new ByteBuffer[]{buffer});
                copied.accept(read);
            }
            out.force();
        }
        fs.rename(temporary, target);
        fs.forceDirectory(target.toAbsolutePath().getParent());
    }
}
