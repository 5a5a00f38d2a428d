package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Whatever the bytes, decode returns an entry or throws CodecException: nothing else. */
class DecodeFuzzTest {
    private static final byte[] INTERESTING = "{}[],:\"\\0123456789-+.eEtrufalsn \t\r\nu\u00e9".getBytes(StandardCharsets.UTF_8);

    /** Valid payloads of every entry type up to 1 KB, taken from the reference's logs. */
    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String fixture : List.of("basic", "txn", "strings", "floats", "empty_vectors", "checkpoint")) {
            for (Fixtures.WalLine line : Fixtures.walLines(fixture)) {
                if (line.terminated() && line.json().length <= 1024) {
                    seeds.add(line.json());
                }
            }
        }
        return seeds;
    }

    /** Decodes, and fails the test on anything but success or a CodecException with a message. */
    private static void decodeOrCodecException(byte[] payload) {
        try {
            WalEntry entry = CODEC.decode(payload, 0, payload.length);
            assertThat(entry).isNotNull();
        } catch (CodecException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail("decode threw " + e + " for " + Arrays.toString(payload), e);
        }
    }

    @Test
    void randomBytesOnlyEverFailWithCodecException() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 4_000; i++) {
            byte[] payload = new byte[random.nextInt(64)];
            for (int k = 0; k < payload.length; k++) {
                payload[k] = random.nextBoolean() ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
            }
            decodeOrCodecException(payload);
        }
    }

    @Test
    void everyTruncationOfAValidPayloadFailsWithCodecException() {
        for (byte[] seed : seeds()) {
            for (int length = 0; length < seed.length; length++) {
                byte[] truncated = Arrays.copyOf(seed, length);
                // A cut valid entry is never a valid entry: JSON objects end with their last byte.
                try {
                    CODEC.decode(truncated, 0, truncated.length);
                    fail("decoded a truncated payload: " + new String(truncated, StandardCharsets.UTF_8));
                } catch (CodecException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }

    @Test
    void randomMutationsOfValidPayloadsOnlyEverFailWithCodecException() {
        SplittableRandom random = new SplittableRandom(2);
        List<byte[]> seeds = seeds();
        for (int i = 0; i < 10_000; i++) {
            byte[] payload = seeds.get(random.nextInt(seeds.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations && payload.length > 0; m++) {
                payload = mutate(payload, random);
            }
            decodeOrCodecException(payload);
        }
    }

    private static byte[] mutate(byte[] payload, SplittableRandom random) {
        int at = random.nextInt(payload.length);
        switch (random.nextInt(4)) {
            case 0: // replace a byte
                payload[at] = random.nextBoolean() ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
                return payload;
            case 1: { // delete a byte
                byte[] shorter = new byte[payload.length - 1];
                System.arraycopy(payload, 0, shorter, 0, at);
                System.arraycopy(payload, at + 1, shorter, at, payload.length - at - 1);
                return shorter;
            }
            case 2: { // insert a byte
                byte[] longer = new byte[payload.length + 1];
                System.arraycopy(payload, 0, longer, 0, at);
                longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                System.arraycopy(payload, at, longer, at + 1, payload.length - at);
                return longer;
            }
            default: { // duplicate a slice
                int end = at + random.nextInt(Math.min(16, payload.length - at) + 1);
                byte[] longer = new byte[payload.length + end - at];
                System.arraycopy(payload, 0, longer, 0, end);
                System.arraycopy(payload, at, longer, end, payload.length - at);
                return longer;
            }
        }
    }
}
