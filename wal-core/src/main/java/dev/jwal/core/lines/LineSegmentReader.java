package dev.jwal.core.lines;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.core.read.AbstractSegmentReader;
import dev.jwal.core.read.SegmentShape;
import dev.jwal.core.read.ZeroPages;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Reads a {@code lines} segment: {@code LSN|payload} per line, payloads decoded
 * with the codec lines are written in. Blank lines hold no record and are passed
 * over. Not thread safe.
 */
public final class LineSegmentReader extends AbstractSegmentReader {
    private final LineScanner scanner;
    private final EntryCodec codec;
    private final int maxRecordSize;
    /** Whether the last item read was a valid record without a newline after it. */
    private boolean lastRecordUnterminated;

    /**
     * @param channel       the segment, open for reading; closed by {@link #close()}
     * @param end           read no byte at or past this offset
     * @param codec         the codec lines are written in
     * @param maxRecordSize the largest payload read
     */
    public LineSegmentReader(FileChannel channel, long end, EntryCodec codec, int maxRecordSize) throws IOException {
        this.scanner = new LineScanner(channel, end, maxRecordSize + LineFormat.MAX_OVERHEAD);
        this.codec = codec;
        this.maxRecordSize = maxRecordSize;
    }

    @Override
    public boolean next() throws IOException {
        while (scanner.next()) {
            if (!scanner.tooLong() && isBlank()) {
                continue;
            }
            parseCurrentLine();
            return true;
        }
        return false;
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
    private void parseCurrentLine() {
        clear();
        lastRecordUnterminated = false;
        if (scanner.tooLong()) {
            found(new Damage(String.format("line of %,d bytes exceeds the record size limit of %,d bytes "
                    + "(raise maxRecordSize if the log holds larger records)", scanner.tooLongBytes(), maxRecordSize),
                    -1, !scanner.terminated(), null, !scanner.terminated()));
            return;
        }
        byte[] bytes = scanner.buffer();
        int start = scanner.start();
        int length = scanner.length();
        long parsedLsn = LsnPrefix.parse(bytes, start, length);
        if (parsedLsn == LsnPrefix.INVALID) {
            boolean zeros = holdsZeros();
            found(damage("line does not start with a decimal LSN followed by '|': " + excerpt(bytes, start, length)
                    + (zeros ? " (zero bytes: unforced data that reached the disk out of order)" : ""),
                    -1, null, zeros));
            return;
        }
        int payloadStart = LsnPrefix.separatorIndex(bytes, start) + 1;
        int payloadLength = start + length - payloadStart;
        try {
            found(parsedLsn, codec.decode(bytes, payloadStart, payloadLength));
            lastRecordUnterminated = !scanner.terminated();
        } catch (CodecException e) {
            found(damage("payload of LSN " + parsedLsn + " does not decode"
                    + (scanner.terminated() ? "" : " (no newline at end of file)") + ": " + e.getMessage(),
                    parsedLsn, e, holdsZeros()));
        } catch (RuntimeException e) {
            found(damage("codec '" + codec.name() + "' failed on the payload of LSN " + parsedLsn + ": " + e,
                    parsedLsn, e, holdsZeros()));
        }
    }

    /** The current line as damage: the last record a crash left when unterminated or holding zeros. */
    private Damage damage(String message, long lsn, Throwable cause, boolean zeros) {
        boolean incomplete = !scanner.terminated() && !zeros;
        boolean last = !scanner.terminated() || zeros;
        return new Damage(message, lsn, last, cause, incomplete);
    }

    /**
     * Whether the current line holds zero bytes, as pages a power loss kept out leave: then it is the end of
     * what was forced, not corruption in the middle. Asked only of a line that does not read as a record, so
     * a valid line is not scanned for them.
     */
    private boolean holdsZeros() {
        return ZeroPages.containsZeroPage(scanner.buffer(), scanner.start(), scanner.length(), scanner.lineOffset())
                || containsZeroByte();
    }

    private boolean containsZeroByte() {
        byte[] bytes = scanner.buffer();
        for (int i = scanner.start(), stop = i + scanner.length(); i < stop; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
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
    public SegmentShape shape() {
        return new SegmentShape(SegmentFormat.LINES, codec.name(), lastRecordUnterminated);
    }

    @Override
    public long offset() {
        return scanner.lineOffset();
    }

    @Override
    public long endOffset() {
        return scanner.endOffset();
    }

    @Override
    public void close() throws IOException {
        scanner.close();
    }
}
