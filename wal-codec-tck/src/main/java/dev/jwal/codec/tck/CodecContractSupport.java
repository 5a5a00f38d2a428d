package dev.jwal.codec.tck;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.EntryRejectedException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The base of {@link EntryCodecContract}: the hooks a codec's test overrides and the helpers every group of
 * checks uses. The checks themselves are split by subject along the superclass chain
 * {@code CodecContractSupport <- RoundTripChecks <- EncodingChecks <- EntryCodecContract} (robustness);
 * a codec's test extends {@link EntryCodecContract} and inherits them all.
 */
abstract class CodecContractSupport {
    private EntryCodec codec;

    CodecContractSupport() {
    }

    // ---------------------------------------------------------------- hooks

    /** The name the codec under test is registered under, as {@link Codecs#byName(String)} takes it. */
    protected abstract String codecName();

    /**
     * Whether the codec holds NaN (with any payload) and infinities exactly.
     * True by default: the kit checks that every bit of them comes back. A
     * codec that returns false must refuse them at encode with
     * {@link EntryRejectedException}, which the kit then checks instead.
     */
    protected boolean supportsNonFiniteFloats() {
        return true;
    }

    /**
     * Whether the codec holds Java strings with unpaired surrogates (not
     * Unicode text) exactly. False by default: the kit checks that encode
     * refuses them with {@link EntryRejectedException}, as any codec writing
     * UTF-8 must. A codec that returns true is checked to give them back
     * unchanged.
     */
    protected boolean supportsUnpairedSurrogates() {
        return false;
    }

    /** The seed of every random choice the robustness tests make, so a failure can be reproduced. */
    protected long randomSeed() {
        return 0x6A77_616CL;
    }

    /** How many random byte arrays {@link EntryCodecContract#decodingRandomBytesFailsCleanlyOrYieldsAnEntry()} decodes. */
    protected int randomPayloadCount() {
        return 3000;
    }

    /**
     * The most bytes one decode of a {@code payloadLength}-byte payload may
     * allocate (measured where the JVM can tell): by default 32 MiB plus 256
     * bytes per payload byte, far above what honest decoding needs and far
     * below what trusting a corrupted length costs.
     */
    protected long maxDecodeAllocation(int payloadLength) {
        return (32L << 20) + 256L * payloadLength;
    }

    /**
     * The most bytes one decode of an entry made of many tiny items (empty
     * vectors, empty or two-character ids) may allocate, for a payload of
     * {@code payloadLength} bytes: by default 24 bytes per payload byte plus
     * 8 MiB. A codec that cannot keep to it must refuse such entries at
     * encode, or a crafted record of them costs many times its size in memory.
     */
    protected long maxTinyItemsDecodeAllocation(int payloadLength) {
        return (8L << 20) + 24L * payloadLength;
    }

    // --------------------------------------------------------------- helpers

    /** The codec under test, looked up by {@link #codecName()} once per test. */
    protected final EntryCodec codec() {
        if (codec == null) {
            codec = Codecs.byName(codecName());
        }
        return codec;
    }

    /**
     * Encodes an entry the codec must accept; fails the test if it refuses it
     * or throws, or if a single-line text codec writes a line break or
     * invalid UTF-8.
     */
    protected final byte[] encode(WalEntry entry) {
        byte[] payload;
        try {
            payload = codec().encode(entry);
        } catch (RuntimeException e) {
            return fail("encoding " + describe(entry) + " threw " + e, e);
        }
        assertThat(payload).as("payload of " + describe(entry)).isNotNull();
        if (codec().writesSingleLineText()) {
            assertSingleLineText(payload, entry);
        }
        return payload;
    }

    /** Decodes a payload that must be valid; fails the test if the codec throws. */
    protected final WalEntry decode(byte[] payload) {
        try {
            WalEntry entry = codec().decode(payload, 0, payload.length);
            assertThat(entry).as("decoded entry").isNotNull();
            return entry;
        } catch (RuntimeException e) {
            return fail("decoding a payload the codec wrote threw " + e + "; payload: " + Hex.of(payload), e);
        }
    }

    /** Fails unless {@code entry} encodes, and decodes back bit for bit (floats by raw bits, null metadata apart from empty). */
    protected final void assertRoundTrip(WalEntry entry) {
        byte[] payload = encode(entry);
        WalEntry decoded = decode(payload);
        try {
            BitExact.assertSameEntry(decoded, entry);
        } catch (AssertionError e) {
            throw new AssertionError("round trip of " + describe(entry) + " changed it: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------- shared by the checks

    final DecodeProbe newProbe() {
        return new DecodeProbe(codec(), this::maxDecodeAllocation);
    }

    final void assertSingleLineText(byte[] payload, WalEntry entry) {
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n' || payload[i] == '\r') {
                fail("the codec declares single-line text payloads, but the payload of " + describe(entry)
                        + " holds a " + (payload[i] == '\n' ? "line feed" : "carriage return") + " at byte " + i
                        + ": " + Hex.of(payload));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
        } catch (CharacterCodingException e) {
            fail("the codec declares single-line text payloads, but the payload of " + describe(entry)
                    + " is not valid UTF-8: " + Hex.of(payload), e);
        }
    }

    /** A short description of an entry for messages: its type and sizes, not its (possibly huge) content. */
    static String describe(WalEntry entry) {
        String text = entry.toString();
        return text.length() <= 120 ? text : text.substring(0, 120) + "... (" + text.length() + " chars)";
    }
}
