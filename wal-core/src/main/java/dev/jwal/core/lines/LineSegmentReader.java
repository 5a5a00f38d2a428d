package dev.jwal.core.lines;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.core.read.AbstractSegmentReader;
import dev.jwal.core.read.SegmentShape;
import dev.jwal.core.read.TrailingZeros;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ForkJoinPool;

/**
 * Reads a {@code lines} segment: {@code LSN|payload} per line, payloads decoded
 * with the codec lines are written in. Blank lines hold no record and are passed
 * over. Zeros that run to the end of the segment are room preallocated and never
 * written ({@link #unusedSpaceOffset()}), which a writer that did not close leaves:
 * the lines end where they start, so a record torn by them is an unterminated last
 * line.
 *
 * <p>Decoding a line costs far more than finding it (JSON floats), so the reader
 * scans ahead in windows: up to {@value #AHEAD_LINES} lines or {@value #AHEAD_BYTES} bytes
 * (and always at least one line) are copied out of the scanner's buffer, and one
 * task of the common fork-join pool decodes them from the last backwards while
 * this thread decodes them from the first forwards as they are handed out;
 * each line is decoded once, by whichever gets to it first. Two windows are in
 * flight: when this thread starts handing out one, the next is already scanned
 * and queued for the pool, so the pool's thread does not wait for this one to
 * scan. Windows start small after opening and after a seek ({@value #FIRST_WINDOW_LINES}
 * lines, decoded here only as they are handed out) and grow fourfold each time,
 * so a reader that takes a few records (a read from an LSN) decodes no more than
 * those; a closed reader's pool tasks stop at their next line. Items are still handed out one at a time, in file
 * order, with the same records, damage and offsets as reading line by line; a
 * line decoded ahead and never asked for is dropped. Memory stays bounded by
 * the two windows plus one line of the record size limit. On one core nothing is
 * handed to the pool, and one window is scanned at a time. Not thread safe.
 */
public final class LineSegmentReader extends AbstractSegmentReader {
    /** Lines scanned ahead of the one handed out, at most. */
    static final int AHEAD_LINES = 128;
    /** Bytes of lines scanned ahead, at most (a single longer line is still read). */
    static final int AHEAD_BYTES = 1 << 20;
    /** Lines in the first window after opening or seeking. */
    static final int FIRST_WINDOW_LINES = 4;
    /** Windows smaller than this are decoded on this thread alone, as their lines are handed out. */
    private static final int POOL_MIN_LINES = 16;
    private static final boolean DECODE_ON_OTHER_THREADS = Runtime.getRuntime().availableProcessors() > 1
            && ForkJoinPool.getCommonPoolParallelism() > 0;

    private final LineScanner scanner;
    private final FileChannel channel;
    private final EntryCodec codec;
    private final int maxRecordSize;
    /** Where the zeros that end the segment start, or -1 if it does not end in zeros. */
    private final long unusedSpaceOffset;
    /** The window of lines being handed out. */
    private ArrayDeque<ScannedLine> ahead = new ArrayDeque<>();
    /** The window after it, scanned and given to the pool before {@link #ahead}'s first line is handed out. */
    private ArrayDeque<ScannedLine> following = new ArrayDeque<>();
    /** The line handed out last. */
    private ScannedLine current;
    /** Whether the last item read was a valid record without a newline after it. */
    private boolean lastRecordUnterminated;
    /** Lines the next window scans at most; grows from {@link #FIRST_WINDOW_LINES} to {@link #AHEAD_LINES}. */
    private int windowLines = FIRST_WINDOW_LINES;
    /** Set by {@link #close()}: the pool's tasks stop decoding. */
    private volatile boolean closed;

    /**
     * @param channel       the segment, open for reading; closed by {@link #close()}
     * @param end           read no byte at or past this offset
     * @param codec         the codec lines are written in (thread safe, as every codec is)
     * @param maxRecordSize the largest payload read
     */
    public LineSegmentReader(FileChannel channel, long end, EntryCodec codec, int maxRecordSize) throws IOException {
        long limit = Math.min(end, channel.size());
        long linesEnd = TrailingZeros.start(channel, 0, limit);
        this.unusedSpaceOffset = linesEnd < limit ? linesEnd : -1;
        this.scanner = new LineScanner(channel, linesEnd, maxRecordSize + LineFormat.MAX_OVERHEAD);
        this.channel = channel;
        this.codec = codec;
        this.maxRecordSize = maxRecordSize;
    }

    @Override
    public boolean next() throws IOException {
        if (ahead.isEmpty()) {
            if (following.isEmpty()) {
                scanWindow(ahead);
            } else {
                ArrayDeque<ScannedLine> scanned = ahead;
                ahead = following;
                following = scanned;
            }
            if (DECODE_ON_OTHER_THREADS && windowLines == AHEAD_LINES) {
                // The pool starts on the next window while this thread hands out this one.
                scanWindow(following);
            }
        }
        current = ahead.poll();
        if (current == null) {
            return false;
        }
        parse(current);
        return true;
    }

    /**
     * Copies the next lines out of the scanner into {@code window} (empty) and has the pool decode them from the
     * last one backwards, while this thread decodes from the first one forwards as they are handed out: one task
     * per window, and the two meet in the middle (each line is decoded once, by whichever gets to it first).
     */
    private void scanWindow(ArrayDeque<ScannedLine> window) throws IOException {
        long bytes = 0;
        while (window.size() < windowLines && bytes < AHEAD_BYTES && scanner.next()) {
            if (!scanner.tooLong() && isBlank()) {
                continue;
            }
            ScannedLine line = ScannedLine.of(scanner, codec);
            window.add(line);
            bytes += line.size();
        }
        windowLines = Math.min(AHEAD_LINES, windowLines * 4);
        if (DECODE_ON_OTHER_THREADS && window.size() >= POOL_MIN_LINES) {
            ScannedLine[] lines = window.toArray(new ScannedLine[0]);
            ForkJoinPool.commonPool().execute(() -> {
                for (int i = lines.length - 1; i >= 0 && !closed; i--) {
                    if (lines[i].decoding() != null) {
                        lines[i].decoding().run(); // a no-op for a line the reader decoded already
                    }
                }
            });
        }
    }

    /**
     * A line starts after a newline, and no payload holds one: a newline before {@code offset} makes it a line
     * start, whatever came before. The line must then carry {@code lsn}.
     */
    @Override
    public boolean seek(long offset, long lsn) throws IOException {
        if (offset < 1 || offset >= scanner.limit()) {
            return false;
        }
        int want = (int) Math.min(LineFormat.MAX_LSN_DIGITS + 2, scanner.limit() - offset + 1);
        ByteBuffer bytes = ByteBuffer.allocate(want);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, offset - 1 + bytes.position()) < 0) {
                return false;
            }
        }
        byte[] read = bytes.array();
        if (read[0] != LineFormat.NEWLINE || LsnPrefix.parse(read, 1, want - 1) != lsn) {
            return false;
        }
        scanner.seek(offset);
        ahead.clear(); // lines scanned before the seek (a task may still decode them: nothing reads them)
        following.clear();
        current = null;
        lastRecordUnterminated = false;
        windowLines = FIRST_WINDOW_LINES;
        return true;
    }

    private boolean isBlank() {
        byte[] bytes = scanner.buffer();
        for (int i = scanner.start(), stop = i + scanner.length(); i < stop; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return scanner.terminated();
    }

    /**
     * A crash can leave a last line without its newline, or with zeros where pages never reached the disk;
     * it cannot leave a complete, newline-terminated line of other bytes. So only those may be a torn tail:
     * a complete line that does not decode is damage wherever it is, and nothing cuts it.
     */
    private void parse(ScannedLine line) {
        clear();
        lastRecordUnterminated = false;
        if (line.tooLong()) {
            found(new Damage(String.format("line of %,d bytes exceeds the record size limit of %,d bytes "
                    + "(raise maxRecordSize if the log holds larger records)", line.tooLongBytes(), maxRecordSize),
                    -1, !line.terminated(), null, !line.terminated()));
            return;
        }
        ScannedLine.Decoded decoded = line.decoded();
        if (decoded.lsn() == LsnPrefix.INVALID) {
            boolean zeros = line.holdsZeros();
            found(damage(line, "line does not start with a decimal LSN followed by '|': "
                    + excerpt(line.bytes(), 0, line.bytes().length)
                    + (zeros ? " (zero bytes: unforced data that reached the disk out of order)" : ""), -1, null, zeros));
            return;
        }
        RuntimeException failure = decoded.failure();
        if (failure == null) {
            found(decoded.lsn(), decoded.entry());
            lastRecordUnterminated = !line.terminated();
        } else if (failure instanceof CodecException) {
            found(damage(line, "payload of LSN " + decoded.lsn() + " does not decode"
                    + (line.terminated() ? "" : " (no newline at end of file)") + ": " + failure.getMessage(),
                    decoded.lsn(), failure, line.holdsZeros()));
        } else {
            found(damage(line, "codec '" + codec.name() + "' failed on the payload of LSN " + decoded.lsn() + ": "
                    + failure, decoded.lsn(), failure, line.holdsZeros()));
        }
    }

    /** The line as damage: the last record a crash left when unterminated or holding zeros. */
    private static Damage damage(ScannedLine line, String message, long lsn, Throwable cause, boolean zeros) {
        boolean incomplete = !line.terminated() && !zeros;
        boolean last = !line.terminated() || zeros;
        return new Damage(message, lsn, last, cause, incomplete);
    }

    private static String excerpt(byte[] bytes, int start, int length) {
        int shown = Math.min(length, 40);
        StringBuilder text = new StringBuilder("\"");
        for (int i = start; i < start + shown; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.append(length > shown ? "\"..." : "\"").toString();
    }

    @Override
    public long unusedSpaceOffset() {
        return unusedSpaceOffset;
    }

    @Override
    public SegmentShape shape() {
        return new SegmentShape(SegmentFormat.LINES, codec.name(), lastRecordUnterminated);
    }

    /** Where the current item starts; at the end of the segment, where reading stopped. */
    @Override
    public long offset() {
        return current != null ? current.offset() : scanner.lineOffset();
    }

    @Override
    public long endOffset() {
        return current != null ? current.endOffset() : scanner.endOffset();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        scanner.close();
    }
}
