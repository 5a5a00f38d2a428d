package dev.jwal.core.read;

import java.nio.MappedByteBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongSupplier;

/**
 * Takes the page faults that map a newly mapped region of a segment into the process on a pool thread
 * ({@link ForkJoinPool#commonPool()}), ahead of the reader that copies from it: reads one byte of each page,
 * {@value #CHUNK} bytes at a time, so that the reader's copies find the pages already mapped. On one core there
 * is no other thread to take them, and nothing is started.
 *
 * <p>It stops when its reader closes, and before any chunk the file, as its reader last measured it, no longer
 * holds: it never makes a system call itself (a pool thread's interrupt would close the reader's channel). A
 * file cut into the mapped records between that measurement and a touch (another process, or a writer cutting
 * what a failed force left; see {@link SegmentBytes}) faults the touch; the JVM's {@link InternalError} is caught
 * when it arrives inside the loop.
 * Thread safe: the reader starts it and may close it from its own thread.
 */
final class RegionPrefault implements Runnable {
    /** Bytes touched between checks that the reader is still open and the file still long enough. */
    static final int CHUNK = 1 << 20;
    private static final boolean OTHER_CORES = Runtime.getRuntime().availableProcessors() > 1;
    /** Where the bytes read go, so that the reads are not optimised away. */
    private static volatile int sink;

    private final MappedByteBuffer region;
    private final long regionStart;
    private final LongSupplier fileSize;
    private volatile boolean stopped;

    RegionPrefault(MappedByteBuffer region, long regionStart, LongSupplier fileSize) {
        this.region = region;
        this.regionStart = regionStart;
        this.fileSize = fileSize;
    }

    /**
     * Starts touching {@code region}, which maps the file from {@code regionStart}, on a pool thread; returns
     * null on one core.
     *
     * @param fileSize the file's size as the reader last measured it
     */
    static RegionPrefault start(MappedByteBuffer region, long regionStart, LongSupplier fileSize) {
        if (!OTHER_CORES) {
            return null;
        }
        RegionPrefault prefault = new RegionPrefault(region, regionStart, fileSize);
        ForkJoinPool.commonPool().execute(prefault);
        return prefault;
    }

    /** Stops touching at the next chunk. */
    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        int length = region.capacity();
        int sum = 0;
        try {
            for (int chunk = 0; chunk < length; chunk += CHUNK) {
                int chunkEnd = Math.min(length, chunk + CHUNK);
                if (stopped || fileSize.getAsLong() < regionStart + chunkEnd) {
                    return;
                }
                for (int page = chunk; page < chunkEnd; page += ZeroPages.PAGE) {
                    sum += region.get(page);
                }
            }
        } catch (InternalError fault) {
            return; // the file was cut under the mapping; the reader finds it shorter and says so
        }
        sink = sum;
    }
}
