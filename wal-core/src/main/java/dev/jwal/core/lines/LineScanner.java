package dev.jwal.core.lines;

import dev.jwal.core.read.SegmentBytes;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads the lines of one segment file, with their byte offsets, in bounded memory.
 *
 * <p>A line longer than the limit is not buffered: it is reported as
 * {@link #tooLong()} and its bytes are skipped up to the next newline, so a
 * damaged file can never make the reader allocate more than the limit. The
 * current line's bytes ({@link #buffer()}, {@link #start()}, {@link #length()})
 * are valid until the next call to {@link #next()}. Not thread safe.
 */
final class LineScanner implements Closeable {
    private static final int INITIAL_BUFFER = 64 * 1024;
    /** Eight bytes of the buffer at a time, to look for a newline a word at a time. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0101010101010101L * LineFormat.NEWLINE;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final FileChannel channel;
    private final SegmentBytes bytes;
    private final long end;
    private final int maxLineBytes;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int bufferStart;
    private int bufferEnd;
    private long bufferFileOffset;
    private boolean endOfInput;

    private long lineOffset;
    private int lineStart;
    private int lineLength;
    private boolean terminated;
    private boolean tooLong;
    private long tooLongBytes;

    /**
     * @param channel      the segment, open for reading; closed by {@link #close()}
     * @param end          read no byte at or past this offset, nor past the file's size when opened
     * @param maxLineBytes the longest line that is buffered
     */
    public LineScanner(FileChannel channel, long end, int maxLineBytes) throws IOException {
        this.channel = channel;
        this.end = Math.min(end, channel.size());
        this.bytes = new SegmentBytes(channel, this.end);
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Moves to the next line.
     *
     * @return false when no bytes are left
     */
    public boolean next() throws IOException {
        lineOffset = bufferFileOffset + bufferStart;
        terminated = false;
        tooLong = false;
        tooLongBytes = 0;
        int scanFrom = bufferStart;
        while (true) {
            int newline = indexOfNewline(scanFrom, bufferEnd);
            if (newline >= 0 && newline - bufferStart <= maxLineBytes) {
                finishLine(newline - bufferStart, true);
                bufferStart = newline + 1;
                return true;
            }
            if (newline >= 0 || bufferEnd - bufferStart > maxLineBytes) {
                return skipTooLongLine();
            }
            int scanned = bufferEnd - bufferStart;
            if (!fill()) {
                if (bufferEnd == bufferStart) {
                    return false;
                }
                finishLine(bufferEnd - bufferStart, false);
                bufferStart = bufferEnd;
                return true;
            }
            // fill() may have moved the unread bytes to the front of the buffer.
            scanFrom = bufferStart + scanned;
        }
    }

    private void finishLine(int length, boolean endedWithNewline) {
        lineStart = bufferStart;
        lineLength = length;
        if (endedWithNewline && length > 0 && buffer[lineStart + length - 1] == LineFormat.CARRIAGE_RETURN) {
            lineLength--;
        }
        terminated = endedWithNewline;
    }

    private boolean skipTooLongLine() throws IOException {
        tooLong = true;
        lineStart = bufferStart;
        lineLength = 0;
        while (true) {
            int newline = indexOfNewline(bufferStart, bufferEnd);
            if (newline >= 0) {
                tooLongBytes += newline - bufferStart;
                bufferStart = newline + 1;
                terminated = true;
                return true;
            }
            tooLongBytes += bufferEnd - bufferStart;
            bufferStart = bufferEnd;
            if (!fill()) {
                return true;
            }
        }
    }

    /**
     * The first newline in [from, to), or -1. Eight bytes at a time: XOR with newlines turns a newline into a
     * zero byte, and the classic zero-byte test flags the lowest zero byte exactly (a false flag can only
     * appear above a real one), so the lowest flag, in little-endian order, is the first newline.
     */
    private int indexOfNewline(int from, int to) {
        byte[] bytes = buffer;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) WORDS.get(bytes, i) ^ NEWLINES;
            long zeros = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return i + Long.numberOfTrailingZeros(zeros) / Byte.SIZE;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == LineFormat.NEWLINE) {
                return i;
            }
        }
        return -1;
    }

    /** Reads more bytes after the unread ones, compacting or growing the buffer; false at end of input. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (bufferStart > 0) {
            int unread = bufferEnd - bufferStart;
            System.arraycopy(buffer, bufferStart, buffer, 0, unread);
            bufferFileOffset += bufferStart;
            bufferEnd = unread;
            bufferStart = 0;
        }
        if (bufferEnd == buffer.length) {
            int grown = (int) Math.min((long) buffer.length * 2, (long) maxLineBytes + 2);
            if (grown <= buffer.length) {
                grown = buffer.length + INITIAL_BUFFER;
            }
            byte[] larger = new byte[grown];
            System.arraycopy(buffer, 0, larger, 0, bufferEnd);
            buffer = larger;
        }
        long position = bufferFileOffset + bufferEnd;
        long allowed = end - position;
        if (allowed <= 0) {
            endOfInput = true;
            return false;
        }
        int want = (int) Math.min(buffer.length - bufferEnd, allowed);
        int read = bytes.read(buffer, bufferEnd, want, position);
        if (read <= 0) {
            endOfInput = true;
            return false;
        }
        bufferEnd += read;
        return true;
    }

    /** Moves to {@code offset}, which the caller knows starts a line: the next {@link #next()} reads from there. */
    public void seek(long offset) {
        bufferFileOffset = offset;
        bufferStart = 0;
        bufferEnd = 0;
        endOfInput = false;
    }

    /** The offset reading stops at: the given end or the file's size when opened, whichever is smaller. */
    public long limit() {
        return end;
    }

    /** Byte offset of the current line in the file. */
    public long lineOffset() {
        return lineOffset;
    }

    /** Whether the current line ended with a newline (false only for the last line of the input). */
    public boolean terminated() {
        return terminated;
    }

    /** Whether the current line was longer than the limit; its bytes are then not available. */
    public boolean tooLong() {
        return tooLong;
    }

    /** For a {@link #tooLong()} line, how many bytes it had. */
    public long tooLongBytes() {
        return tooLongBytes;
    }

    /** The offset just past the current line (and its newline). */
    public long endOffset() {
        return bufferFileOffset + bufferStart;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int start() {
        return lineStart;
    }

    /** The line's length without its newline (and without a CR before it). */
    public int length() {
        return lineLength;
    }

    @Override
    public void close() throws IOException {
        bytes.close();
        channel.close();
    }
}
