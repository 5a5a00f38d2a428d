package dev.jwal.core.write;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;

/**
 * The segment appends go to. Forces and retirement synchronize on this object,
 * so a force never meets a closed file: once {@link #retire()} has forced and
 * closed it, {@link #force()} has nothing left to do. Writes are serialized by
 * the writer's lock.
 */
final class ActiveSegment {
    final SegmentFile file;
    final LogFileSystem.AppendableFile out;
    private boolean retired;

    ActiveSegment(SegmentFile file, LogFileSystem.AppendableFile out) {
        this.file = file;
        this.out = out;
    }

    /** Bytes in the segment. */
    long size() {
        return out.size();
    }

    /** Forces written bytes to stable storage, unless the segment was retired (and so forced) already. */
    synchronized void force() throws IOException {
        if (!retired) {
            out.force();
        }
    }

    /** Forces and closes the segment; later forces do nothing. */
    synchronized void retire() throws IOException {
        if (!retired) {
            retired = true;
            try {
                out.force();
            } finally {
                out.close();
            }
        }
    }

    /** Closes without forcing, after a failure. */
    synchronized void abandon() throws IOException {
        retired = true;
        out.close();
    }
}
