package dev.jwal.core.framed;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.core.read.AbstractSegmentReader;
import dev.jwal.core.read.SegmentBytes;
import dev.jwal.core.read.SegmentShape;
import dev.jwal.core.read.TrailingZeros;
import dev.jwal.core.read.ZeroPages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads the records of a {@code framed} segment after its header, checking each
 * record's length bound and CRC32C before its payload reaches the codec.
 *
 * <p>Zeros from a record boundary to the end of the segment are room reserved
 * by preallocation and never written: the segment's records end there
 * ({@link #unusedSpaceOffset()}). A record header is never all zeros (its CRC
 * covers the LSN), so no record can hide in them.
 *
 * <p>After a damaged record the reader looks for the next record that checks
 * out (a plausible LSN and a matching CRC) and resumes there. If none follows,
 * the damage is the last thing in the segment: what a torn write leaves. Not
 * thread safe.
 */
public final class FramedSegmentReader extends AbstractSegmentReader {
    static final int WINDOW = 256 * 1024;
    /** Bytes a search for the next record may checksum regardless of the distance searched. */
    static final long RESYNC_BUDGET_BASE = 64L * 1024 * 1024;
    /** Bytes a search for the next record may checksum per byte searched, beyond the base. */
    static final long RESYNC_BUDGET_FACTOR = 64;

    private final FileChannel channel;
    private final EntryCodec codec;
    private final int maxRecordSize;
    /** Read no byte at or past this offset: the given end, lowered to where the file turns out to end. */
    private long end;
    private final SegmentBytes bytes;
    private final CRC32C crc = new CRC32C();

    private byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;

    private final long firstRecordOffset;
    private long position;
    private long offset;
    private long lastGoodLsn;
    /** Where the zeros ending the segment start; -1 until needed. */
    private long trailingZerosStart = -1;
    private long unusedSpaceOffset = -1;

    /**
     * @param channel       the segment, open for reading; closed by {@link #close()}
     * @param header        its header, already read
     * @param end           read no byte at or past this offset, nor past the file's size
     * @param codec         the codec the header names
     * @param maxRecordSize the largest payload accepted
     */
    public FramedSegmentReader(FileChannel channel, SegmentHeader header, long end, EntryCodec codec,
                               int maxRecordSize) throws IOException {
        this.channel = channel;
        this.codec = codec;
        this.maxRecordSize = maxRecordSize;
        this.end = Math.min(end, channel.size());
        this.bytes = new SegmentBytes(channel, this.end);
        this.firstRecordOffset = header.length();
        this.position = firstRecordOffset;
        this.lastGoodLsn = header.firstLsn() - 1;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            try {
                return readNext();
            } catch (FileEndedSooner shrank) {
                // end is now where the file ends: look at the same position again (each shrink lowers end)
            }
        }
    }

    private boolean readNext() throws IOException {
        if (position >= end) {
            return false;
        }
        offset = position;
        clear();
        if (offset >= trailingZerosStart()) {
            unusedSpaceOffset = offset;
            position = end;
            return false;
        }
        long available = end - offset;
        if (available < FramedFormat.RECORD_HEADER) {
            damage(String.format("incomplete record header: %d of %d bytes", available, FramedFormat.RECORD_HEADER),
                    -1, null, true);
            return true;
        }
        RecordHeader header = headerAt(offset);
        long length = header.length();
        long storedCrc = header.crc();
        long recordLsn = header.lsn();
        if (FramedFormat.RECORD_HEADER + length > available) {
            damage(String.format("incomplete record: %,d payload bytes declared, %,d remain", length,
                    available - FramedFormat.RECORD_HEADER), -1, null, true);
            return true;
        }
        if (length > maxRecordSize) {
            oversized(length, storedCrc, recordLsn);
            return true;
        }
        int payloadLength = (int) length;
        ensure(offset, FramedFormat.RECORD_HEADER + payloadLength);
        int start = (int) (offset - windowStart);
        long computed = checksum(start, payloadLength);
        if (computed != storedCrc) {
            // A record that runs into the zeros ending the segment was cut short by room never written.
            boolean cutShort = offset + FramedFormat.RECORD_HEADER + payloadLength > trailingZerosStart();
            damage(String.format("checksum mismatch: stored %08x, computed %08x", storedCrc, computed), -1, null,
                    cutShort);
            return true;
        }
        position = offset + FramedFormat.RECORD_HEADER + payloadLength;
        try {
            found(recordLsn, codec.decode(window, start + FramedFormat.RECORD_HEADER, payloadLength));
        } catch (CodecException e) {
            // The bytes are what was written (the CRC matches): not a torn write but a codec mismatch.
            found(new Damage("payload of LSN " + recordLsn + " passes its checksum but codec '" + codec.name()
                    + "' cannot decode it: " + e.getMessage(), recordLsn, false, e));
            return true;
        } catch (RuntimeException e) {
            found(new Damage("codec '" + codec.name() + "' failed on the payload of LSN " + recordLsn + ": " + e,
                    recordLsn, false, e));
            return true;
        }
        lastGoodLsn = recordLsn;
        return true;
    }

    @Override
    public boolean seek(long to, long lsn) throws IOException {
        try {
            return seekWithin(to, lsn);
        } catch (FileEndedSooner shrank) {
            return false; // the record is not there any more
        }
    }

    private boolean seekWithin(long to, long lsn) throws IOException {
        if (to < firstRecordOffset || to + FramedFormat.RECORD_HEADER > end) {
            return false;
        }
        RecordHeader header = headerAt(to);
        long length = header.length();
        if (header.lsn() != lsn || length > maxRecordSize || to + FramedFormat.RECORD_HEADER + length > end) {
            return false;
        }
        ensure(to, FramedFormat.RECORD_HEADER + (int) length);
        if (checksum((int) (to - windowStart), (int) length) != header.crc()) {
            return false;
        }
        position = to;
        lastGoodLsn = lsn - 1;
        return true;
    }

    /**
     * A record longer than this reader's limit. The limit keeps a garbled length from allocating gigabytes,
     * but a length above it is no evidence of a torn write: a writer configured with a larger limit writes
     * such records. If its checksum holds (computed in bounded memory), it is a real record this reader
     * cannot hold: damage that is never a torn tail, so nothing cuts it. Otherwise it is damaged bytes.
     */
    private void oversized(long length, long storedCrc, long recordLsn) throws IOException {
        if (streamedChecksum(offset, length) != storedCrc) {
            damage(String.format("record length %,d exceeds the record size limit of %,d bytes and its checksum "
                    + "does not match", length, maxRecordSize), -1, null, false);
            return;
        }
        position = offset + FramedFormat.RECORD_HEADER + length;
        found(new Damage(String.format("record LSN %d holds %,d payload bytes, over this reader's record size "
                + "limit of %,d bytes; its checksum matches, so it is a real record: read the log with a "
                + "maxRecordSize of at least %,d", recordLsn, length, maxRecordSize, length), recordLsn, false,
                null));
        lastGoodLsn = recordLsn;
    }

    /** A record header's fields: payload length, stored CRC32C, LSN. */
    private record RecordHeader(long length, long crc, long lsn) {
    }

    /** The record header at {@code at}, which must lie within {@link #end}. */
    private RecordHeader headerAt(long at) throws IOException {
        ensure(at, FramedFormat.RECORD_HEADER);
        ByteBuffer header = ByteBuffer.wrap(window, (int) (at - windowStart), FramedFormat.RECORD_HEADER);
        return new RecordHeader(header.getInt() & 0xffffffffL, header.getInt() & 0xffffffffL, header.getLong());
    }

    /** The CRC32C of the LSN and payload of the record at {@code at}, read in window-sized chunks. */
    private long streamedChecksum(long at, long payloadLength) throws IOException {
        CRC32C streamed = new CRC32C();
        long from = at + 8;
        long remaining = 8 + payloadLength;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, WINDOW);
            ensure(from, chunk);
            streamed.update(window, (int) (from - windowStart), chunk);
            from += chunk;
            remaining -= chunk;
        }
        return streamed.getValue();
    }

    private long checksum(int start, int payloadLength) {
        crc.reset();
        crc.update(window, start + 8, 8 + payloadLength);
        return crc.getValue();
    }

    /**
     * Records damage at {@link #offset} and moves to the next record that checks out, or to the end.
     *
     * @param incompleteRecord whether the damage is a record cut short by the end of the segment
     */
    private void damage(String detail, long damagedLsn, Throwable cause, boolean incompleteRecord)
            throws IOException {
        Resync resync = findNextValidRecord(offset + 1);
        if (resync.gaveUp()) {
            position = end;
            found(new Damage(detail + "; no record could be found after it within the search budget (" + resync
                    .detail() + "), so the rest of the segment is left unread", damagedLsn, false, cause));
            return;
        }
        long resume = resync.offset();
        position = resume >= 0 ? resume : end;
        // A record header is never all zeros: zeros where one should be are data that never reached the disk.
        boolean hole = resume >= 0
                && (zeroHeaderAt(offset) || zerosUpToPageInHeaderAt(offset) || hasZeroPage(offset, resume));
        found(new Damage(hole ? detail + "; a zero-filled page follows: unforced data that reached the disk out "
                + "of order" : detail, damagedLsn, resume < 0 || hole, cause, resume < 0 && incompleteRecord));
    }

    /**
     * Where the search for the next record after damage ended.
     *
     * @param offset the next record's offset, or -1 if none follows
     * @param detail why the search gave up, or null if it did not
     */
    private record Resync(long offset, String detail) {
        boolean gaveUp() {
            return detail != null;
        }
    }

    /**
     * Looks for the next record that checks out. Every byte offset may start one, and checking a candidate
     * costs its declared length, so crafted bytes full of plausible headers could make this quadratic: the
     * bytes checksummed are bounded by {@link #RESYNC_BUDGET_FACTOR} times the distance searched plus
     * {@link #RESYNC_BUDGET_BASE}, and a search over budget gives up.
     */
    private Resync findNextValidRecord(long from) throws IOException {
        long maxRecords = (end - from) / FramedFormat.RECORD_HEADER + 1;
        // A record has a non-zero byte in its header: none starts inside the trailing zeros.
        long lastStart = Math.min(end - FramedFormat.RECORD_HEADER, trailingZerosStart() - 1);
        long checksummed = 0;
        for (long at = from; at <= lastStart; at++) {
            ensure(at, FramedFormat.RECORD_HEADER);
            ByteBuffer header = ByteBuffer.wrap(window, (int) (at - windowStart), FramedFormat.RECORD_HEADER);
            long length = header.getInt() & 0xffffffffL;
            long storedCrc = header.getInt() & 0xffffffffL;
            long candidateLsn = header.getLong();
            boolean plausible = length <= maxRecordSize && at + FramedFormat.RECORD_HEADER + length <= end
                    && candidateLsn > lastGoodLsn && candidateLsn - lastGoodLsn <= maxRecords;
            if (plausible) {
                checksummed += 8 + length;
                if (checksummed > RESYNC_BUDGET_BASE + RESYNC_BUDGET_FACTOR * (at - from + 1)) {
                    return new Resync(-1, String.format("%,d bytes checksummed for candidate records in the "
                            + "%,d bytes after it", checksummed, at - from + 1));
                }
                if (streamedChecksum(at, length) == storedCrc) {
                    return new Resync(at, null);
                }
            }
        }
        return new Resync(-1, null);
    }

    /** Whether the 16 bytes of a record header at {@code at} are all zeros. */
    private boolean zeroHeaderAt(long at) throws IOException {
        return end - at >= FramedFormat.RECORD_HEADER && zerosAt(at, FramedFormat.RECORD_HEADER);
    }

    /**
     * Whether the record header at {@code at} crosses a page boundary and its bytes before that boundary are all
     * zeros. Forced data ends at a record boundary; when the rest of that page never reached the disk but a
     * later page did, the next record's header reads as zeros up to the page boundary and as the new data
     * after it: too few zeros for {@link #zeroHeaderAt} or a lost page, yet the same hole.
     */
    private boolean zerosUpToPageInHeaderAt(long at) throws IOException {
        long page = (at / ZeroPages.PAGE + 1) * ZeroPages.PAGE;
        return page - at < FramedFormat.RECORD_HEADER && page <= end && zerosAt(at, (int) (page - at));
    }

    /** Whether the {@code length} bytes at {@code at}, which lie within {@link #end}, are all zeros. */
    private boolean zerosAt(long at, int length) throws IOException {
        ensure(at, length);
        int from = (int) (at - windowStart);
        for (int i = from; i < from + length; i++) {
            if (window[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether [from, to) looks like a lost page (see {@link ZeroPages}). */
    private boolean hasZeroPage(long from, long to) throws IOException {
        long page = (from + ZeroPages.PAGE - 1) / ZeroPages.PAGE * ZeroPages.PAGE;
        if (page > from && page <= to) {
            ensure(from, (int) (page - from));
            if (ZeroPages.containsZeroPage(window, (int) (from - windowStart), (int) (page - from), from)) {
                return true;
            }
        }
        for (; page + ZeroPages.PAGE <= to; page += ZeroPages.PAGE) {
            ensure(page, ZeroPages.PAGE);
            if (ZeroPages.containsZeroPage(window, (int) (page - windowStart), ZeroPages.PAGE, page)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the run of zeros that ends the segment starts ({@link #end} if its last byte is not zero),
     * found once by reading back from the end: a few bytes for a segment without reserved room.
     */
    private long trailingZerosStart() throws IOException {
        if (trailingZerosStart < 0) {
            trailingZerosStart = TrailingZeros.start(channel, firstRecordOffset, end);
            bytes.mapNoFurtherThan(trailingZerosStart); // a live writer may cut that room while this reads
        }
        return trailingZerosStart;
    }

    @Override
    public SegmentShape shape() {
        return new SegmentShape(SegmentFormat.FRAMED, codec.name(), false);
    }

    @Override
    public long unusedSpaceOffset() {
        return unusedSpaceOffset;
    }

    /**
     * Makes bytes [at, at + length) available in the window; they never extend past {@link #end}. The window
     * reads ahead up to its size. A file found shorter than {@link #end} ends there from now on: a live writer
     * cuts the room it reserved past its records when it moves to the next segment, and a reader that opened
     * the segment before may be reading ahead into it.
     *
     * @throws FileEndedSooner if the file ends before {@code at + length}, with {@link #end} lowered to where
     *                          it ends: the caller looks again
     */
    private void ensure(long at, int length) throws IOException {
        if (at >= windowStart && at + length <= windowStart + windowLength) {
            return;
        }
        if (length > window.length) {
            window = new byte[length];
        }
        int want = (int) Math.min(window.length, end - at);
        int copied = 0;
        while (copied < want) {
            int read = bytes.read(window, copied, want - copied, at + copied);
            if (read < 0) {
                end = at + copied;
                if (copied < length) {
                    throw new FileEndedSooner();
                }
                break;
            }
            copied += read;
        }
        windowStart = at;
        windowLength = copied;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long endOffset() {
        return damage() != null && damage().lastInSegment() ? end : position;
    }

    @Override
    public void close() throws IOException {
        bytes.close();
        channel.close();
    }

    /** The file ended before bytes a read needed: {@link #end} was lowered to where it ends. */
    private static final class FileEndedSooner extends IOException {
        FileEndedSooner() {
            super("the segment file ended sooner than when it was measured");
        }
    }
}
