package dev.jwal.core.read;

import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.core.lines.LineFormat;
import dev.jwal.core.lines.LineScanner;
import dev.jwal.core.lines.LsnPrefix;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Reads a {@code lines} segment: {@code LSN|payload} per line, payloads decoded
 * with the codec lines are written in. Blank lines hold no record and are passed
 * over. Not thread safe.
 */
final class LineSegmentReader extends AbstractSegmentReader {
    private final LineScanner scanner;
    private final EntryCodec codec;
    private final int maxRecordSize;

    LineSegmentReader(FileChannel channel, long end, EntryCodec codec, int maxRecordSize) throws IOException {
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

    private void parseCurrentLine() {
        clear();
        boolean hole = !scanner.tooLong() && ZeroPages.containsZeroPage(scanner.buffer(), scanner.start(),
                scanner.length(), scanner.lineOffset());
        boolean last = !scanner.terminated() || scanner.endOffset() >= scanner.limit() || hole;
        if (scanner.tooLong()) {
            found(new Damage(String.format("line of %,d bytes exceeds the record size limit of %,d bytes "
                    + "(raise maxRecordSize if the log holds larger records)", scanner.tooLongBytes(), maxRecordSize),
                    -1, last, null));
            return;
        }
        byte[] bytes = scanner.buffer();
        int start = scanner.start();
        int length = scanner.length();
        long parsedLsn = LsnPrefix.parse(bytes, start, length);
        if (parsedLsn == LsnPrefix.INVALID) {
            found(new Damage("line does not start with a decimal LSN followed by '|': " + excerpt(bytes, start, length)
                    + (hole ? " (a zero-filled page: unforced data that reached the disk out of order)" : ""),
                    -1, last, null));
            return;
        }
        int payloadStart = LsnPrefix.separatorIndex(bytes, start) + 1;
        int payloadLength = start + length - payloadStart;
        try {
            found(parsedLsn, codec.decode(bytes, payloadStart, payloadLength));
        } catch (CodecException e) {
            found(new Damage("payload of LSN " + parsedLsn + " does not decode"
                    + (scanner.terminated() ? "" : " (no newline at end of file)") + ": " + e.getMessage(),
                    parsedLsn, last, e));
        } catch (RuntimeException e) {
            found(new Damage("codec '" + codec.name() + "' failed on the payload of LSN " + parsedLsn + ": " + e,
                    parsedLsn, last, e));
        }
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
