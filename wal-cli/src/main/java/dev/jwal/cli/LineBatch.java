package dev.jwal.cli;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.codec.json.DecodedLine;
import dev.jwal.codec.json.JsonEntryCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Lines of input not decoded yet, each in its own array, with their line numbers and what follows them;
 * {@link #call()} decodes them into an {@link InputBatch} on a decoding thread. The first bad line ends
 * the batch: it then holds the entries before that line and fails with the line's error, and nothing
 * after it is appended. Immutable once handed to a decoding thread.
 */
final class LineBatch implements Callable<InputBatch> {
    private static final JsonEntryCodec JSON = new JsonEntryCodec();

    private final byte[][] lines;
    private final long[] lineNumbers;
    private final InputBatch.Then then;
    private final Throwable failure;
    private final int maxKeptLength;

    /**
     * @param lines         the lines, one array each, exactly the line's bytes
     * @param lineNumbers   their line numbers
     * @param then          what follows them
     * @param failure       for {@link InputBatch.Then#FAIL}: why the input stops after them; else null
     * @param maxKeptLength lines up to this many bytes are stored as given (see {@link DecodedLine})
     */
    LineBatch(byte[][] lines, long[] lineNumbers, InputBatch.Then then, Throwable failure, int maxKeptLength) {
        this.lines = lines;
        this.lineNumbers = lineNumbers;
        this.then = then;
        this.failure = failure;
        this.maxKeptLength = maxKeptLength;
    }

    /** Decodes the lines; a bad one is the batch's failure, never thrown. */
    @Override
    public InputBatch call() {
        List<DecodedLine> decoded = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            try {
                decoded.add(decode(lines[i], lineNumbers[i]));
            } catch (CliFailure bad) {
                return new InputBatch(decoded, Arrays.copyOf(lineNumbers, i), InputBatch.Then.FAIL, bad);
            }
        }
        return new InputBatch(decoded, lineNumbers, then, failure);
    }

    private DecodedLine decode(byte[] line, long lineNumber) {
        DecodedLine decoded;
        try {
            decoded = JSON.decodeLine(line, 0, line.length, maxKeptLength);
        } catch (CodecException e) {
            throw CliFailure.badInput("line " + lineNumber + " is not a valid entry: " + e.getMessage(), e);
        }
        if (decoded.entry() instanceof WalEntry.Checkpoint) {
            throw CliFailure.badInput("line " + lineNumber + " is a Checkpoint entry, which the log writes "
                    + "itself: write the line " + InputDecoder.CHECKPOINT_LINE + " to take a checkpoint", null);
        }
        return decoded;
    }
}
