package dev.jwal.core.index;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.io.NotARegularFileException;
import dev.jwal.core.io.RegularFiles;
import dev.jwal.core.segment.SegmentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A segment's index file, {@code NAME.wal.idx} beside segment {@code NAME.wal}: the entries of its
 * {@link SegmentIndex}, written by the writer when it seals the segment (full, or the log closed). All integers
 * big-endian:
 *
 * <pre>
 * offset  size  field
 *  0       8    magic 89 4A 57 41 4C 49 44 58 ("\x89JWALIDX")
 *  8       2    version: 1
 * 10       4    interval: the fewest bytes between two entries' offsets (at least 512)
 * 14       8    the LSN of the segment's first record
 * 22       8    covered: the segment's length when the index was written; every entry lies below it
 * 30       4    n: the number of entries
 * 34      16n   entries, in increasing order of both fields: LSN (8), offset of the record (8)
 * 34+16n   4    CRC32C of bytes 0 to 33+16n
 * </pre>
 *
 * <p>The file is written as a temporary file {@code NAME.wal.idx.tmp} created exclusively, then renamed over
 * the name, so a crash of the process leaves the old file, the new one or none. It is not forced: an index is a
 * hint checked on use, and two more fsyncs at every segment rotation would slow appends (measured: manual-sync
 * appends of 1536 floats at 0.65x), so a power loss may leave the file empty, short or partly zero, which its
 * length and checksum show. It is read
 * only as a regular file, never through a link, and only up to the length a valid index of its segment can
 * have. A file that is missing, damaged, of an unknown version, or that does not fit its segment (another
 * first LSN, a segment now shorter than it covers) is ignored, with a warning when present: the index is then
 * rebuilt from the data as the segment is read. Even a valid file is only a hint (see {@link SegmentIndex}).
 * Stateless, thread safe.
 */
public final class SegmentIndexFile {
    /** What a segment's file name is followed by to name its index file. */
    public static final String SUFFIX = ".idx";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    static final int VERSION = 1;
    static final int HEADER = 34;
    static final int ENTRY = 16;
    static final int TRAILER = 4;
    /** The smallest interval a valid file may declare: it bounds how long a valid file of a segment can be. */
    static final int MIN_INTERVAL = 512;
    /** No index file is read past this length, whatever its segment's length. */
    static final int MAX_FILE = 64 << 20;
    private static final byte[] MAGIC = {(byte) 0x89, 'J', 'W', 'A', 'L', 'I', 'D', 'X'};
    private static final Logger LOG = LoggerFactory.getLogger(SegmentIndexFile.class);

    private SegmentIndexFile() {
    }

    /** The index file of {@code segment}. */
    public static Path of(SegmentFile segment) {
        return segment.path().resolveSibling(segment.fileName() + SUFFIX);
    }

    /**
     * Writes the index of a sealed segment, replacing any earlier one; with no entries (a segment too small to
     * need one), deletes an earlier one instead.
     *
     * @param firstLsn the LSN of the segment's first record
     * @param covered  the segment's length
     * @throws IOException if the file cannot be written; the segment is unaffected
     */
    public static void write(LogFileSystem fs, SegmentFile segment, long firstLsn, long covered, SegmentIndex index)
            throws IOException {
        SegmentIndex.Entries entries = index.entries();
        if (entries.count() == 0) {
            delete(fs, segment);
            return;
        }
        Path target = of(segment);
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
        if (RegularFiles.existsAsRegular(temporary)) {
            // What a crash left mid-write (a link or special file there is refused: existsAsRegular throws).
            fs.delete(temporary);
        }
        try {
            try (LogFileSystem.AppendableFile out = fs.createFile(temporary)) {
                out.write(new ByteBuffer[]{ByteBuffer.wrap(encode(firstLsn, covered, entries))});
            }
            fs.rename(temporary, target);
        } catch (IOException e) {
            try {
                fs.delete(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Deletes the index file of {@code segment}, if there is one: before the segment goes. */
    public static void delete(LogFileSystem fs, SegmentFile segment) throws IOException {
        Path file = of(segment);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            // A link is deleted itself, never its target.
            fs.delete(file);
        }
    }

    static byte[] encode(long firstLsn, long covered, SegmentIndex.Entries entries) {
        int count = entries.count();
        ByteBuffer out = ByteBuffer.allocate(HEADER + ENTRY * count + TRAILER);
        out.put(MAGIC).putShort((short) VERSION).putInt(SegmentIndex.INTERVAL).putLong(firstLsn).putLong(covered)
                .putInt(count);
        for (int i = 0; i < count; i++) {
            out.putLong(entries.lsns()[i]).putLong(entries.offsets()[i]);
        }
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    /**
     * The index stored for {@code segment}, or null if there is none or it cannot be used (logged at WARN).
     *
     * @param segmentLength the segment's length now
     */
    static SegmentIndex read(SegmentFile segment, long segmentLength) {
        Path file = of(segment);
        byte[] bytes;
        try {
            bytes = RegularFiles.readAtMost(file, maxLength(segmentLength));
        } catch (NoSuchFileException e) {
            return null;
        } catch (NotARegularFileException | RegularFiles.FileTooLargeException e) {
            return ignored(file, e.getMessage());
        } catch (IOException e) {
            return ignored(file, "it cannot be read: " + e);
        }
        try {
            return decode(bytes, segment, segmentLength);
        } catch (Invalid e) {
            return ignored(file, e.getMessage());
        }
    }

    private static SegmentIndex ignored(Path file, String why) {
        LOG.warn("ignoring the index file {}: {}; its segment is read from its start and its index rebuilt from "
                + "the data", file, why);
        return null;
    }

    /** The longest file a valid index of a segment of {@code segmentLength} bytes can be. */
    static int maxLength(long segmentLength) {
        long entries = Math.max(0, segmentLength) / MIN_INTERVAL + 1;
        return (int) Math.min(MAX_FILE, HEADER + TRAILER + ENTRY * entries);
    }

    static SegmentIndex decode(byte[] bytes, SegmentFile segment, long segmentLength) throws Invalid {
        if (bytes.length < HEADER + TRAILER) {
            throw new Invalid(String.format("it is %d bytes long, shorter than the %d of an empty index", bytes.length,
                    HEADER + TRAILER));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new Invalid("it does not start with the index magic");
        }
        int version = in.getShort() & 0xffff;
        if (version != VERSION) {
            throw new Invalid("it is index format version " + version + "; this jwal reads version " + VERSION);
        }
        int bodyLength = bytes.length - TRAILER;
        long storedCrc = ByteBuffer.wrap(bytes, bodyLength, TRAILER).getInt() & 0xffffffffL;
        long computedCrc = crc(bytes, bodyLength);
        if (storedCrc != computedCrc) {
            throw new Invalid(String.format("checksum mismatch: stored %08x, computed %08x (an incomplete or "
                    + "damaged file)", storedCrc, computedCrc));
        }
        long interval = in.getInt() & 0xffffffffL;
        long firstLsn = in.getLong();
        long covered = in.getLong();
        long count = in.getInt() & 0xffffffffL;
        if (count * ENTRY != bodyLength - HEADER) {
            throw new Invalid(String.format("it declares %d entries but holds %d bytes of entries", count,
                    bodyLength - HEADER));
        }
        if (interval < MIN_INTERVAL) {
            throw new Invalid("its interval of " + interval + " bytes is below the minimum of " + MIN_INTERVAL);
        }
        if (firstLsn != segment.number() && firstLsn != segment.number() - 1) {
            throw new Invalid(String.format("it indexes a segment starting at LSN %d, but the segment's name says "
                    + "LSN %d", firstLsn, segment.number()));
        }
        if (covered > segmentLength) {
            throw new Invalid(String.format("it covers %,d bytes but the segment now holds %,d (it was cut since)",
                    covered, segmentLength));
        }
        long[] lsns = new long[(int) count];
        long[] offsets = new long[(int) count];
        long previousLsn = firstLsn - 1;
        long previousOffset = 0;
        for (int i = 0; i < count; i++) {
            lsns[i] = in.getLong();
            offsets[i] = in.getLong();
            if (lsns[i] <= previousLsn || offsets[i] < previousOffset + interval || offsets[i] >= covered) {
                throw new Invalid(String.format("entry %d (LSN %d at offset %d) does not follow the one before it "
                        + "(LSN %d at offset %d) by at least the interval, or lies past the %d bytes covered", i,
                        lsns[i], offsets[i], previousLsn, previousOffset, covered));
            }
            previousLsn = lsns[i];
            previousOffset = offsets[i];
        }
        return new SegmentIndex(lsns, offsets);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /** The bytes are not a usable index of the segment; the message says why. */
    static final class Invalid extends Exception {
        Invalid(String detail) {
            super(detail);
        }
    }
}
