package dev.jwal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it: the bytes of each line
 * go to the JSON codec as they are, which checks that they are strict UTF-8
 * (a {@code Reader} would quietly turn malformed bytes into U+FFFD). A line
 * ends at {@code \n}; a {@code \r} before it is dropped; the last line may
 * lack its {@code \n}.
 *
 * <p>A line that lies within the read buffer is handed out in place; only a
 * line that spans a refill is copied. {@link #read(byte[], int, int)} on the
 * stream returns what is available, so a line is handed out as soon as its
 * {@code \n} arrives, which {@code --echo-acks} relies on. Not thread safe.
 */
final class InputLines {
    private static final int INITIAL_CARRY = 8 * 1024;

    private final InputStream in;
    private final byte[] buffer;
    private final int maxLineLength;
    private int position;
    private int limit;
    private boolean endOfInput;
    private byte[] carry = new byte[INITIAL_CARRY];

    private byte[] lineBytes;
    private int lineStart;
    private int lineLength;
    private long lineNumber;
    /** Where {@link #hasBufferedLine()} last found a newline, and the position it looked from; -1 when unknown. */
    private int peekedNewline = -1;
    private int peekedFrom = -1;

    /**
     * @param in            the stream, read until its end
     * @param bufferSize    bytes read at a time
     * @param maxLineLength the longest line accepted, in bytes; a longer one is bad input
     */
    InputLines(InputStream in, int bufferSize, int maxLineLength) {
        this.in = in;
        this.buffer = new byte[bufferSize];
        this.maxLineLength = maxLineLength;
    }

    /**
     * Moves to the next line. The previous line's bytes may be overwritten.
     *
     * @return false at the end of the input
     * @throws CliFailure  if the line is longer than the limit
     * @throws IOException if reading fails
     */
    boolean next() throws IOException {
        int carried = 0;
        boolean first = true;
        while (true) {
            int newline = first && peekedFrom == position ? peekedNewline : indexOfNewline(position, limit);
            first = false;
            peekedFrom = -1;
            if (newline >= 0) {
                int length = newline - position;
                if (carried == 0) {
                    checkLength(length);
                    setLine(buffer, position, length);
                } else {
                    carried = carry(carried, position, length);
                    setLine(carry, 0, carried);
                }
                position = newline + 1;
                return true;
            }
            if (limit > position) {
                carried = carry(carried, position, limit - position);
            }
            position = 0;
            limit = 0;
            if (endOfInput) {
                break;
            }
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit = read;
            }
        }
        if (carried > 0) {
            setLine(carry, 0, carried);
            return true;
        }
        return false;
    }

    /**
     * Whether {@link #next()} can move to the next line without reading the
     * stream (so without waiting for input): the line is in the buffer already,
     * or the input has ended.
     */
    boolean hasBufferedLine() {
        if (endOfInput) {
            return true;
        }
        peekedNewline = indexOfNewline(position, limit);
        peekedFrom = peekedNewline >= 0 ? position : -1;
        return peekedNewline >= 0;
    }

    private int indexOfNewline(int from, int to) {
        byte[] bytes = buffer;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code length} buffer bytes from {@code from} to the carried part of a line; returns its new length. */
    private int carry(int carried, int from, int length) {
        int total = carried + length;
        checkLength(total);
        if (total > carry.length) {
            carry = Arrays.copyOf(carry, (int) Math.min(Math.max(total, 2L * carry.length), Integer.MAX_VALUE - 8));
        }
        System.arraycopy(buffer, from, carry, carried, length);
        return total;
    }

    private void checkLength(int length) {
        if (length > maxLineLength) {
            throw CliFailure.badInput(String.format("line %d is longer than the limit of %,d bytes",
                    lineNumber + 1, maxLineLength), null);
        }
    }

    private void setLine(byte[] bytes, int start, int length) {
        if (length > 0 && bytes[start + length - 1] == '\r') {
            length--;
        }
        lineBytes = bytes;
        lineStart = start;
        lineLength = length;
        lineNumber++;
    }

    /** The array holding the current line. */
    byte[] bytes() {
        return lineBytes;
    }

    /** Where the current line starts in {@link #bytes()}. */
    int start() {
        return lineStart;
    }

    /** The current line's length in bytes, without its line ending. */
    int length() {
        return lineLength;
    }

    /** The current line's number, counting from 1. */
    long lineNumber() {
        return lineNumber;
    }

    /** Whether the current line holds only spaces and tabs, or nothing. */
    boolean isBlank() {
        for (int i = lineStart, end = lineStart + lineLength; i < end; i++) {
            byte b = lineBytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Whether the current line is {@code word}, ignoring spaces and tabs around it. */
    boolean is(byte[] word) {
        int start = lineStart;
        int end = lineStart + lineLength;
        while (start < end && isSpace(lineBytes[start])) {
            start++;
        }
        while (end > start && isSpace(lineBytes[end - 1])) {
            end--;
        }
        return Arrays.equals(lineBytes, start, end, word, 0, word.length);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
