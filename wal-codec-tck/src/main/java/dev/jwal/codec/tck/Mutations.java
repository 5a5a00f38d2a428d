package dev.jwal.codec.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Ways to damage valid payloads and to make garbage, all reproducible from a
 * seed. Stateless.
 */
final class Mutations {
    /** Payloads up to this many bytes are cut at every length; longer ones at a sample of lengths. */
    static final int EVERY_TRUNCATION_UP_TO = 4096;

    /** Payloads up to this many bits get every single-bit flip; longer ones a random sample of this many. */
    static final int EVERY_BIT_FLIP_UP_TO = 8192;

    /**
     * Byte runs that read as huge lengths or counts in common encodings:
     * varints of 2^31 - 1, 2^32 - 1 and 2^63 - 1, big- and little-endian
     * 2^31 - 1, and all ones.
     */
    private static final byte[][] HUGE_LENGTHS = {
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
        {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04},
    };

    private Mutations() {
    }

    /** The prefix lengths to cut a payload of {@code length} bytes to: every one below it, or a sample. */
    static int[] truncationLengths(int length) {
        if (length <= EVERY_TRUNCATION_UP_TO) {
            return IntStream.range(0, length).toArray();
        }
        int edge = EVERY_TRUNCATION_UP_TO / 4;
        int step = Math.max(1, (length - 2 * edge) / (EVERY_TRUNCATION_UP_TO / 2));
        return IntStream.concat(
                IntStream.concat(IntStream.range(0, edge), IntStream.iterate(edge, i -> i < length - edge, i -> i + step)),
                IntStream.range(length - edge, length)).toArray();
    }

    /** The bit positions to flip in a payload of {@code length} bytes: every one, or a seeded sample. */
    static int[] bitFlipPositions(int length, Random random) {
        int bits = length * 8;
        if (bits <= EVERY_BIT_FLIP_UP_TO) {
            return IntStream.range(0, bits).toArray();
        }
        return random.ints(EVERY_BIT_FLIP_UP_TO, 0, bits).toArray();
    }

    /** A copy of {@code payload} with bit {@code bit} (0 = the low bit of byte 0) inverted. */
    static byte[] flipBit(byte[] payload, int bit) {
        byte[] copy = payload.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    /**
     * {@code count} byte arrays: a quarter of them a valid payload's prefix
     * followed by random bytes (to get past format checks), the rest purely
     * random, of lengths from 0 to 1024, mostly short.
     */
    static List<byte[]> randomPayloads(Random random, int count, List<byte[]> validPayloads) {
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(8) == 0 ? random.nextInt(1025) : random.nextInt(65);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            if (i % 4 == 0 && !validPayloads.isEmpty()) {
                byte[] valid = validPayloads.get(random.nextInt(validPayloads.size()));
                int kept = Math.min(length, random.nextInt(valid.length + 1));
                System.arraycopy(valid, 0, bytes, 0, kept);
            }
            payloads.add(bytes);
        }
        return payloads;
    }

    /**
     * Copies of {@code payload} with a huge length written over, or inserted
     * at, each position: what a codec that trusts a length it reads would
     * allocate gigabytes for.
     */
    static List<byte[]> withHugeLengths(byte[] payload) {
        List<byte[]> damaged = new ArrayList<>();
        for (byte[] huge : HUGE_LENGTHS) {
            for (int at = 0; at <= payload.length; at++) {
                byte[] overwritten = Arrays.copyOf(payload, Math.max(payload.length, at + huge.length));
                System.arraycopy(huge, 0, overwritten, at, huge.length);
                damaged.add(overwritten);
                byte[] inserted = new byte[payload.length + huge.length];
                System.arraycopy(payload, 0, inserted, 0, at);
                System.arraycopy(huge, 0, inserted, at, huge.length);
                System.arraycopy(payload, at, inserted, at + huge.length, payload.length - at);
                damaged.add(inserted);
            }
        }
        return damaged;
    }
}
