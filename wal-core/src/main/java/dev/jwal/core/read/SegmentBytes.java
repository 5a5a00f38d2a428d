package dev.jwal.core.read;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Locale;

/**
 * Copies the bytes of one segment file below a fixed end into a reader's arrays: by positional reads at first,
 * and through a read-only mapping of the rest of the segment once the reader has read {@value #MAP_AFTER} bytes
 * and as many are left. A positional read into an array copies each byte twice (the kernel's copy out of the
 * page cache into the JDK's direct buffer, then the JDK's copy into the array); a mapped copy takes it once,
 * from the page cache itself, without a {@code read} call. Short reads, such as one record looked up by LSN or a
 * follower's tail, never map; long scans, such as recovery, do.
 *
 * <p>A mapping is released when it is garbage collected, not when the reader closes (Java 17 has no safe way
 * to unmap while another thread might still copy), so it keeps the segment's pages mapped, not its memory,
 * until then; every mapping follows {@value #MAP_AFTER} bytes of reading, and the entries decoded from them,
 * so collections keep pace with mappings. Mappings are not used on Windows, where a mapped file cannot be
 * deleted or truncated until the mapping is collected.
 *
 * <p>A copy from a mapped page the file no longer holds faults ({@code SIGBUS}), and the JVM raises an
 * {@link InternalError} at a point of its choosing, possibly after the copy returned what it could not read. A
 * live writer cuts a segment only past its records: the room it reserved, when it moves to the next segment.
 * A reader that knows where the records end maps no further ({@link #mapNoFurtherThan}), so that cut never
 * lies under a mapping; only a cut into the records (another process, or a writer cutting what a failed force
 * left) can. Even so, each mapped copy first checks that the file still holds the bytes ({@code fstat}, once
 * per copy of up to a window), and a file found shorter, or a copy that faults all the same, makes this class
 * stop mapping and read the rest through the channel, which reports the shorter file as a read that ends
 * early.
 *
 * <p>A new mapping's page faults are taken on a pool thread ahead of the copies ({@link RegionPrefault}), so
 * that the reader's copies find its pages mapped. Not thread safe: one reader's thread calls {@link #read} and
 * {@link #close}.
 */
public final class SegmentBytes {
    /** Bytes read through the channel before a mapping, and left to read, for a mapping to be made. */
    public static final int MAP_AFTER = 1 << 20;
    /** The most bytes one mapping covers; a longer segment is mapped a region at a time. */
    static final long MAX_REGION = 1L << 30;
    private static final boolean MAPPING_ALLOWED =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Logger LOG = LoggerFactory.getLogger(SegmentBytes.class);

    private final FileChannel channel;
    private final long end;
    /** No mapping reaches this offset: {@link #end}, or where the reader found the records to end. */
    private long mapEnd;
    private final long maxRegion;
    private boolean mapping = MAPPING_ALLOWED;
    private long readThroughChannel;
    private MappedByteBuffer region;
    private long regionStart;
    private long regionEnd;
    private RegionPrefault prefault;
    /** The file's size at the last mapped copy's check, for {@link RegionPrefault}. */
    private volatile long lastSize;

    /**
     * @param channel the segment, open for reading; not closed here
     * @param end     no byte at or past this offset is read; at most the file's size
     */
    public SegmentBytes(FileChannel channel, long end) {
        this(channel, end, MAX_REGION);
    }

    /** As {@link #SegmentBytes(FileChannel, long)}, mapping at most {@code maxRegion} bytes at a time. */
    SegmentBytes(FileChannel channel, long end, long maxRegion) {
        this.channel = channel;
        this.end = end;
        this.mapEnd = end;
        this.maxRegion = maxRegion;
    }

    /**
     * Maps nothing at or past {@code offset} from now on (bytes there are still read, through the channel): a
     * segment's records end there, and the room after them may be cut while this reads. Call it before the
     * reads that may map, as a reader does once it has found where the zeros ending a segment start.
     */
    public void mapNoFurtherThan(long offset) {
        mapEnd = Math.min(mapEnd, offset);
    }

    /**
     * Copies up to {@code length} bytes from {@code position} into {@code into[offset...]}, as
     * {@link FileChannel#read(ByteBuffer, long)} does: possibly fewer, none past the end given at construction.
     *
     * @return the bytes copied, or -1 if {@code position} is at or past the end or the file ends before it
     * @throws IOException if the file cannot be read
     */
    public int read(byte[] into, int offset, int length, long position) throws IOException {
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        if (mapping && mapped(position, wanted)) {
            // A copy from beyond the file's end would fault (see the class comment): the size is checked first.
            lastSize = channel.size();
            if (lastSize >= position + wanted) {
                try {
                    region.get((int) (position - regionStart), into, offset, wanted);
                    return wanted;
                } catch (InternalError fault) {
                    stopMapping(position, fault);
                }
            } else {
                stopMapping(position, null);
            }
        }
        int read = channel.read(ByteBuffer.wrap(into, offset, wanted), position);
        if (read > 0) {
            readThroughChannel += read;
        }
        return read;
    }

    /** Stops touching pages ahead; the reader calls this as it closes. Mappings are left to the collector. */
    public void close() {
        if (prefault != null) {
            prefault.stop();
        }
    }

    private void stopMapping(long position, InternalError fault) {
        mapping = false;
        region = null;
        close();
        LOG.warn("A segment mapped for reading was cut into its records at or before offset {} while being read "
                + "(by another process, or by a writer after a failed force); reading the rest of it without a "
                + "mapping", position, fault);
    }

    /** Whether [position, position + length) lies in a mapped region, mapping one if this reader has earned it. */
    private boolean mapped(long position, int length) {
        if (region != null && position >= regionStart && position + length <= regionEnd) {
            return true;
        }
        if (readThroughChannel < MAP_AFTER || mapEnd - position < MAP_AFTER) {
            return false;
        }
        long start = position / ZeroPages.PAGE * ZeroPages.PAGE;
        long stop = Math.min(mapEnd, start + maxRegion);
        if (position + length > stop) {
            return false;
        }
        try {
            region = channel.map(FileChannel.MapMode.READ_ONLY, start, stop - start);
        } catch (IOException | UnsupportedOperationException e) {
            mapping = false;
            region = null;
            LOG.debug("Cannot map a segment from offset {}; reading it through its channel", start, e);
            return false;
        }
        regionStart = start;
        regionEnd = stop;
        lastSize = end;
        if (prefault != null) {
            prefault.stop();
        }
        prefault = RegionPrefault.start(region, start, () -> lastSize);
        return true;
    }
}
