package dev.jwal.codec.json;

import dev.jwal.api.error.CodecException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a payload is text the reference could read before Jackson sees
 * it: strictly valid UTF-8 (no overlong forms, no encoded surrogates, nothing
 * above U+10FFFF), no raw control character other than JSON whitespace, and
 * no byte order mark. Jackson alone would accept some of these (it skips a
 * BOM, guesses UTF-16 from zero bytes and does not reject every malformed
 * sequence). Stateless.
 */
final class Utf8Check {
    /** Eight bytes of an array at a time, to pass over plain ASCII text a word at a time. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;

    private Utf8Check() {
    }

    /** @throws CodecException naming the first offending byte, relative to {@code offset} */
    static void check(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB && bytes[offset + 2] == (byte) 0xBF) {
            throw new CodecException("payload starts with a UTF-8 byte order mark, which is not JSON");
        }
        int i = offset;
        while (i < end) {
            if (i <= end - Long.BYTES && isPrintableAscii((long) WORDS.get(bytes, i))) {
                i += Long.BYTES;
                continue;
            }
            int b = bytes[i];
            if (b >= 0x20) { // ASCII, the common case
                i++;
                continue;
            }
            if (b >= 0) {
                if (b == '\t' || b == '\n' || b == '\r') {
                    i++;
                    continue;
                }
                throw new CodecException(String.format(
                        "raw control byte 0x%02x at byte %d: JSON allows it only escaped inside a string", b, i - offset));
            }
            i = checkSequence(bytes, i, end, offset);
        }
    }

    /**
     * Whether all eight bytes of {@code word} are printable ASCII (0x20 to 0x7f), which need no further check.
     * With every high bit clear, subtracting 0x20 from each byte sets a high bit only if some byte is below
     * 0x20; false means "look at these bytes one by one", which decides.
     */
    private static boolean isPrintableAscii(long word) {
        return (word & HIGH_BITS) == 0 && ((word - SPACES) & HIGH_BITS) == 0;
    }

    /** Checks the multi-byte sequence starting at {@code i}; returns the index after it. */
    private static int checkSequence(byte[] bytes, int i, int end, int offset) {
        int lead = bytes[i] & 0xFF;
        int count;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            count = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            count = 2;
            if (lead == 0xE0) {
                min = 0xA0; // overlong
            } else if (lead == 0xED) {
                max = 0x9F; // surrogates U+D800..U+DFFF
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            count = 3;
            if (lead == 0xF0) {
                min = 0x90; // overlong
            } else if (lead == 0xF4) {
                max = 0x8F; // above U+10FFFF
            }
        } else {
            throw invalid(lead, i, offset, "is not a valid UTF-8 lead byte");
        }
        if (i + count >= end) {
            throw new CodecException(String.format(
                    "invalid UTF-8: sequence starting with 0x%02x at byte %d is cut off by the end of the payload",
                    lead, i - offset));
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < min || second > max) {
            throw invalid(second, i + 1, offset, "is not valid after lead byte " + String.format("0x%02x", lead));
        }
        for (int k = 2; k <= count; k++) {
            int next = bytes[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                throw invalid(next, i + k, offset, "is not a UTF-8 continuation byte");
            }
        }
        return i + count + 1;
    }

    private static CodecException invalid(int value, int index, int offset, String what) {
        return new CodecException(String.format("invalid UTF-8: byte 0x%02x at byte %d %s", value, index - offset, what));
    }
}
