package dev.jwal.codec.tck;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;

import java.util.function.IntToLongFunction;

import static org.assertj.core.api.Assertions.fail;

/**
 * Decodes bytes that may be garbage and fails the test unless the codec
 * either returns an entry or throws {@link CodecException}: any other
 * exception, an {@link Error} (an {@link OutOfMemoryError} included), a null
 * result, or allocating more than the limit for one decode is a failure that
 * shows the input in hex. Counts outcomes for the final report. Not thread
 * safe: one per test.
 */
final class DecodeProbe {
    private final EntryCodec codec;
    private final IntToLongFunction allocationLimit;
    private int decoded;
    private int rejected;

    /** @param allocationLimit the most bytes one decode of a payload of the given length may allocate */
    DecodeProbe(EntryCodec codec, IntToLongFunction allocationLimit) {
        this.codec = codec;
        this.allocationLimit = allocationLimit;
    }

    /** Decodes all of {@code bytes}; see {@link #probe(byte[], int, int, String)}. */
    WalEntry probe(byte[] bytes, String what) {
        return probe(bytes, 0, bytes.length, what);
    }

    /**
     * Decodes {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @param what describes the input for a failure message, e.g. "payload 3 truncated to 12 bytes"
     * @return the entry decoded, or null if the codec threw {@link CodecException}
     */
    WalEntry probe(byte[] bytes, int offset, int length, String what) {
        long before = AllocationMeter.allocatedBytes();
        WalEntry entry;
        try {
            entry = codec.decode(bytes, offset, length);
        } catch (CodecException expected) {
            rejected++;
            checkAllocation(before, bytes, offset, length, what);
            return null;
        } catch (Throwable wrong) {
            // Errors too: an OutOfMemoryError here means the codec trusted a length it read.
            return fail("decoding " + what + " threw " + wrong.getClass().getName()
                    + "; a codec may throw only CodecException, whatever the bytes. Input: "
                    + Hex.of(bytes, offset, length), wrong);
        }
        if (entry == null) {
            fail("decoding " + what + " returned null instead of an entry or a CodecException. Input: "
                    + Hex.of(bytes, offset, length));
        }
        decoded++;
        checkAllocation(before, bytes, offset, length, what);
        return entry;
    }

    /** How many probes returned an entry. */
    int decoded() {
        return decoded;
    }

    /** How many probes threw {@link CodecException}. */
    int rejected() {
        return rejected;
    }

    private void checkAllocation(long before, byte[] bytes, int offset, int length, String what) {
        if (before < 0) {
            return;
        }
        long allocated = AllocationMeter.allocatedBytes() - before;
        long limit = allocationLimit.applyAsLong(length);
        if (allocated > limit) {
            fail("decoding " + what + " allocated " + allocated + " bytes, more than the " + limit
                    + " allowed for a " + length + "-byte payload: the codec sizes memory from a length it read"
                    + " without checking it against the bytes left. Input: " + Hex.of(bytes, offset, length));
        }
    }
}
