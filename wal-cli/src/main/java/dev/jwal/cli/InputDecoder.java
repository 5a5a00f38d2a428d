package dev.jwal.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The reading half of {@code wal append}, run on its own thread: splits standard input into lines and
 * hands them, a {@link LineBatch} at a time, to the decoding threads, putting each batch's future on a
 * bounded queue in input order. The appending thread takes the futures in that order, so lines are decoded
 * on several cores at once and still appended in input order; the first bad line fails its batch, and
 * nothing after it is appended (later batches may be decoded, never appended).
 *
 * <p>A batch ends at {@value #MAX_ENTRIES} entries or a byte limit of input (at most {@value #MAX_BYTES};
 * the log keeps a batch in one segment, so a small segment size means small batches), at a
 * {@code CHECKPOINT} line, at the end of the input, when reading fails, and whenever the next line has not
 * arrived yet, so an interactive writer's entries are appended (and acknowledged) without waiting for more
 * input. The last batch always ends in {@link InputBatch.Then#END} or {@link InputBatch.Then#FAIL},
 * whatever goes wrong.
 */
final class InputDecoder implements Runnable {
    /** The line that takes a checkpoint. */
    static final String CHECKPOINT_LINE = "CHECKPOINT";

    static final int MAX_ENTRIES = 256;
    static final int MAX_BYTES = 1 << 20;
    private static final byte[] CHECKPOINT_WORD = CHECKPOINT_LINE.getBytes(StandardCharsets.US_ASCII);

    private final InputLines lines;
    private final BlockingQueue<Future<InputBatch>> batches;
    private final ExecutorService decoders;
    private final int maxBytes;
    private final int maxKeptLength;

    private final List<byte[]> pending = new ArrayList<>();
    private long[] lineNumbers = new long[MAX_ENTRIES];
    private int bytes;

    /**
     * @param lines         the input
     * @param batches       where each batch's future goes, in input order; bounded, so reading stays at most
     *                      a few batches ahead of appending
     * @param decoders      the threads that decode batches
     * @param maxBytes      a batch ends once its lines hold this many bytes (capped at {@value #MAX_BYTES})
     * @param maxKeptLength lines up to this many bytes are stored as given
     */
    InputDecoder(InputLines lines, BlockingQueue<Future<InputBatch>> batches, ExecutorService decoders,
                 long maxBytes, int maxKeptLength) {
        this.lines = lines;
        this.batches = batches;
        this.decoders = decoders;
        this.maxBytes = (int) Math.max(1, Math.min(MAX_BYTES, maxBytes));
        this.maxKeptLength = maxKeptLength;
    }

    @Override
    public void run() {
        try {
            readAll();
        } catch (InterruptedException e) {
            // The appending side has stopped and no longer takes batches.
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() throws InterruptedException {
        try {
            while (lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                if (lines.is(CHECKPOINT_WORD)) {
                    hand(InputBatch.Then.CHECKPOINT, null);
                    continue;
                }
                lineNumbers[pending.size()] = lines.lineNumber();
                pending.add(Arrays.copyOfRange(lines.bytes(), lines.start(), lines.start() + lines.length()));
                bytes += lines.length();
                if (pending.size() == MAX_ENTRIES || bytes >= maxBytes || !lines.hasBufferedLine()) {
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

    /** Hands the lines gathered so far on to be decoded, with what follows them, and starts a new batch. */
    private void hand(InputBatch.Then then, Throwable failure) throws InterruptedException {
        if (then == InputBatch.Then.CONTINUE && pending.isEmpty()) {
            return;
        }
        LineBatch batch = new LineBatch(pending.toArray(new byte[0][]), Arrays.copyOf(lineNumbers, pending.size()),
                then, failure, maxKeptLength);
        pending.clear();
        bytes = 0;
        batches.put(submit(batch));
    }

    /** The batch decoding on a decoding thread, or already decoded here when there are none left. */
    private Future<InputBatch> submit(LineBatch batch) {
        FutureTask<InputBatch> task = new FutureTask<>(batch);
        try {
            decoders.execute(task);
            return task;
        } catch (RejectedExecutionException shutDown) { // the appending side stopped: it takes nothing more
            return CompletableFuture.completedFuture(batch.call());
        }
    }
}
