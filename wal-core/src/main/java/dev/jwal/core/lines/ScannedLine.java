package dev.jwal.core.lines;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.core.read.ZeroPages;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One line of a segment taken out of the {@link LineScanner}'s buffer: its bytes (a copy), where it lies in
 * the file, how it ended, and the decoding of its record, which may run on another thread while the reader
 * scans further ({@link #decoding()}). Its fields are set once, before it is shared; the decoding is a
 * {@link FutureTask}, so it runs once, on whichever thread gets to it first, and its result is safely seen.
 */
final class ScannedLine {
    /** The outcome of reading the line as a record: its LSN and entry, or what went wrong. */
    record Decoded(long lsn, WalEntry entry, RuntimeException failure) {
    }

    private final byte[] bytes;
    private final long offset;
    private final long endOffset;
    private final boolean terminated;
    private final boolean tooLong;
    private final long tooLongBytes;
    private final FutureTask<Decoded> decoding;

    private ScannedLine(LineScanner scanner, EntryCodec codec) {
        this.tooLong = scanner.tooLong();
        this.bytes = tooLong ? new byte[0]
                : Arrays.copyOfRange(scanner.buffer(), scanner.start(), scanner.start() + scanner.length());
        this.offset = scanner.lineOffset();
        this.endOffset = scanner.endOffset();
        this.terminated = scanner.terminated();
        this.tooLongBytes = scanner.tooLongBytes();
        this.decoding = tooLong ? null : new FutureTask<>(() -> decode(codec));
    }

    /** The scanner's current line. */
    static ScannedLine of(LineScanner scanner, EntryCodec codec) {
        return new ScannedLine(scanner, codec);
    }

    /** Parses the LSN prefix and decodes the payload; never throws what the codec throws, returns it. */
    private Decoded decode(EntryCodec codec) {
        long lsn = LsnPrefix.parse(bytes, 0, bytes.length);
        if (lsn == LsnPrefix.INVALID) {
            return new Decoded(LsnPrefix.INVALID, null, null);
        }
        int payloadStart = LsnPrefix.separatorIndex(bytes, 0) + 1;
        try {
            return new Decoded(lsn, codec.decode(bytes, payloadStart, bytes.length - payloadStart), null);
        } catch (RuntimeException e) {
            return new Decoded(lsn, null, e);
        }
    }

    /** The decoding, to hand to another thread; null for a line too long to hold. */
    FutureTask<Decoded> decoding() {
        return decoding;
    }

    /**
     * The decoded line: decoded here if no other thread has started on it, else once that thread is done.
     * Waits without giving up on an interrupt (the status is kept): the other thread is decoding bytes in
     * memory. An error the codec threw is thrown here.
     */
    Decoded decoded() {
        decoding.run(); // a no-op if another thread ran it or is running it
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return decoding.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("decoding a line failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether the line holds zero bytes, as pages a power loss kept out leave: then it is the end of what was
     * forced, not corruption in the middle.
     */
    boolean holdsZeros() {
        if (ZeroPages.containsZeroPage(bytes, 0, bytes.length, offset)) {
            return true;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    byte[] bytes() {
        return bytes;
    }

    long offset() {
        return offset;
    }

    long endOffset() {
        return endOffset;
    }

    boolean terminated() {
        return terminated;
    }

    boolean tooLong() {
        return tooLong;
    }

    long tooLongBytes() {
        return tooLongBytes;
    }

    /** Bytes the line holds in memory. */
    int size() {
        return bytes.length;
    }
}
