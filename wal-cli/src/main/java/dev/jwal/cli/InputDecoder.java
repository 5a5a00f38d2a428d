package dev.jwal.cli;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.codec.json.JsonEntryCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The reading half of {@code wal append}, run on its own thread: splits
 * standard input into lines, decodes each line's entry and hands the entries
 * on in {@link InputBatch}es through a bounded queue, so that parsing the next
 * lines overlaps with encoding and writing the previous ones.
 *
 * <p>A batch ends at {@value #MAX_ENTRIES} entries or a byte limit of input
 * (at most {@value #MAX_BYTES}; the log keeps a batch in one segment, so a
 * small segment size means small batches), at a {@code CHECKPOINT} line, at the end of the input, at
 * the first bad line (the batch then holds the entries before it, and nothing
 * after it is decoded), and whenever the next line has not arrived yet, so an
 * interactive writer's entries are appended (and acknowledged) without waiting
 * for more input. The last batch always ends in {@link InputBatch.Then#END} or
 * {@link InputBatch.Then#FAIL}, whatever goes wrong.
 */
final class InputDecoder implements Runnable {
    /** The line that takes a checkpoint. */
    static final String CHECKPOINT_LINE = "CHECKPOINT";

    static final int MAX_ENTRIES = 256;
    static final int MAX_BYTES = 1 << 20;
    private static final byte[] CHECKPOINT_WORD = CHECKPOINT_LINE.getBytes(StandardCharsets.US_ASCII);

    private final InputLines lines;
    private final BlockingQueue<InputBatch> batches;
    private final JsonEntryCodec json = new JsonEntryCodec();
    private final int maxBytes;

    private List<WalEntry> entries = new ArrayList<>();
    private long[] lineNumbers = new long[MAX_ENTRIES];
    private int bytes;

    /**
     * @param lines   the input
     * @param batches  where batches go, in order; bounded, so reading stays at most a few batches ahead
     * @param maxBytes a batch ends once its lines hold this many bytes (capped at {@value #MAX_BYTES})
     */
    InputDecoder(InputLines lines, BlockingQueue<InputBatch> batches, long maxBytes) {
        this.lines = lines;
        this.batches = batches;
        this.maxBytes = (int) Math.max(1, Math.min(MAX_BYTES, maxBytes));
    }

    @Override
    public void run() {
        try {
            decodeAll();
        } catch (InterruptedException e) {
            // The appending side has stopped and no longer takes batches.
            Thread.currentThread().interrupt();
        }
    }

    private void decodeAll() throws InterruptedException {
        try {
            while (lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                if (lines.is(CHECKPOINT_WORD)) {
                    hand(InputBatch.Then.CHECKPOINT, null);
                    continue;
                }
                WalEntry entry = entry();
                lineNumbers[entries.size()] = lines.lineNumber();
                entries.add(entry);
                bytes += lines.length();
                if (entries.size() == MAX_ENTRIES || bytes >= maxBytes || !lines.hasBufferedLine()) {
                    hand(InputBatch.Then.CONTINUE, null);
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable failure) { // handed on: the appending side rethrows it, so it is never lost
            hand(InputBatch.Then.FAIL, failure);
            return;
        }
        hand(InputBatch.Then.END, null);
    }

    private WalEntry entry() {
        WalEntry entry;
        try {
            entry = json.decode(lines.bytes(), lines.start(), lines.length());
        } catch (CodecException e) {
            throw CliFailure.badInput("line " + lines.lineNumber() + " is not a valid entry: " + e.getMessage(), e);
        }
        if (entry instanceof WalEntry.Checkpoint) {
            throw CliFailure.badInput("line " + lines.lineNumber() + " is a Checkpoint entry, which the log writes "
                    + "itself: write the line " + CHECKPOINT_LINE + " to take a checkpoint", null);
        }
        return entry;
    }

    /** Hands the entries gathered so far on, with what follows them, and starts a new batch. */
    private void hand(InputBatch.Then then, Throwable failure) throws InterruptedException {
        if (then == InputBatch.Then.CONTINUE && entries.isEmpty()) {
            return;
        }
        batches.put(new InputBatch(entries, Arrays.copyOf(lineNumbers, entries.size()), then, failure));
        entries = new ArrayList<>();
        bytes = 0;
    }
}
