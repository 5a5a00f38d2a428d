package dev.jwal.core.write;

import dev.jwal.core.index.SegmentIndex;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;

/**
 * The segment appends go to. Forces and retirement synchronize on this object,
 * so a force never meets a closed file: once {@link #retire()} has forced and
 * closed it, {@link #force()} has nothing left to do. Writes are serialized by
 * the writer's lock. {@link #size()} is where the next record goes, which room
 * reserved past it (preallocation) does not change.
 */
final class ActiveSegment {
    final SegmentFile file;
    final LogFileSystem.AppendableFile out;
    /** The LSN of its first record, or of the next record while it holds none. */
    final long firstLsn;
    /** Its sparse index, offered every record before it is written (readers never read past what was written). */
    final SegmentIndex index;
    private boolean retired;
    private final SyncTimer timer;
    private boolean forceFailed;
    /** Bytes covered by the last completed force; read without the lock, so a writer never waits for a force. */
    private volatile long forcedSize;

    ActiveSegment(SegmentFile file, LogFileSystem.AppendableFile out, long firstLsn, long forcedSize,
                  SyncTimer timer, SegmentIndex index) {
        this.file = file;
        this.out = out;
        this.firstLsn = firstLsn;
        this.index = index;
        this.forcedSize = forcedSize;
        this.timer = timer;
    }

    /** Records that a force covered the first {@code size} bytes. */
    synchronized void markForced(long size) {
        forcedSize = Math.max(forcedSize, size);
    }

    /** Bytes covered by the last completed force. */
    long forcedSize() {
        return forcedSize;
    }

    /** Bytes in the segment. */
    long size() {
        return out.size();
    }

    /** Forces written bytes to stable storage, unless the segment was retired (and so forced) already. */
    synchronized void force() throws IOException {
        if (!retired || forceFailed) {
            // A retired segment was forced by retire(), unless that force failed: then this one fails too.
            forceOnce();
        }
    }

    /** Gives back the room reserved past the last record, forces and closes the segment; later forces do nothing. */
    synchronized void retire() throws IOException {
        if (!retired) {
            retired = true;
            try {
                releaseReserved();
                forceOnce();
            } finally {
                out.close();
            }
        }
    }

    private void releaseReserved() throws IOException {
        try {
            out.releaseReserved();
        } catch (IOException e) {
            forceFailed = true;
            throw e;
        }
    }

    /** After one failed force no force is trusted again: the kernel may have dropped the pages and report success. */
    private void forceOnce() throws IOException {
        if (forceFailed) {
            throw new IOException("an earlier force of " + file.path() + " failed; later forces prove nothing");
        }
        try {
            timer.time(file.path(), out::force);
        } catch (IOException e) {
            forceFailed = true;
            throw e;
        }
    }

    /** Closes without forcing, after a failure. */
    synchronized void abandon() throws IOException {
        retired = true;
        out.close();
    }
}
