package dev.jwal.codec.tck;

import java.util.List;

/**
 * The strings, floats and unsigned numbers the kit feeds to codecs: the values
 * codecs most often get wrong. Every method returns a fresh, immutable list or
 * a fresh array. Stateless and thread safe.
 */
public final class SampleValues {
    /** The length of {@link #longAsciiString()} and {@link #longUnicodeString()}. */
    public static final int LONG_STRING_LENGTH = 10_000;

    /** The dimension of {@link #largeVectorValues()}: a common embedding size. */
    public static final int LARGE_VECTOR_DIMENSION = 1536;

    private SampleValues() {
    }

    /**
     * Valid Unicode text that is hard for codecs: characters outside the BMP
     * (emoji, a ZWJ sequence, a flag), CJK, Hangul, right-to-left text,
     * combining marks, invisible characters, every character JSON must escape,
     * line separators of several kinds, and the highest code points.
     */
    public static List<String> unicodeStrings() {
        return List.of(
                "plain ascii",
                "emoji \uD83D\uDE00\uD83D\uDE80",                                        // 😀🚀
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66",    // family ZWJ sequence
                "\uD83C\uDDEB\uD83C\uDDF7",                                              // flag FR
                "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8 \u4E2D\u6587",         // 日本語のテキスト 中文
                "\uD55C\uAD6D\uC5B4",                                                    // 한국어
                "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD",               // مرحبا שלום
                "e\u0301 a\u0300\u0301\u0302\u0303 Z\u0351\u0352\u0353\u0354",           // combining marks
                "\u200B\u200C\u200D\uFEFF\u00AD",                                        // invisible
                "quote \" backslash \\ slash / tab \t",
                "line feed \n carriage return \r both \r\n",
                "separators \u2028 \u2029 \u0085 form feed \f",
                "controls \u0000 \u0001 \u001F \u007F",
                "highest \uFFFD \uFFFF \uDBFF\uDFFF",                                   // U+FFFF, U+10FFFF
                "latin-1 \u00E9\u00E8\u00FC\u00DF\u00F1 \u00A0");
    }

    /** {@value #LONG_STRING_LENGTH} ASCII characters. */
    public static String longAsciiString() {
        StringBuilder text = new StringBuilder(LONG_STRING_LENGTH);
        while (text.length() < LONG_STRING_LENGTH) {
            text.append((char) ('a' + text.length() % 26));
        }
        return text.toString();
    }

    /**
     * {@value #LONG_STRING_LENGTH} chars (UTF-16 code units) of one-, two-,
     * three- and four-byte UTF-8 characters, never splitting a surrogate pair.
     */
    public static String longUnicodeString() {
        String[] pieces = {"a", "\u00E9", "\u65E5", "\uD83D\uDE00", "e\u0301"};
        StringBuilder text = new StringBuilder(LONG_STRING_LENGTH);
        for (int i = 0; text.length() < LONG_STRING_LENGTH; i++) {
            String piece = pieces[i % pieces.length];
            if (text.length() + piece.length() > LONG_STRING_LENGTH) {
                piece = "z";
            }
            text.append(piece);
        }
        return text.toString();
    }

    /**
     * Strings with an unpaired surrogate: not Unicode text, but legal Java
     * strings. UTF-8 cannot hold them.
     */
    public static List<String> unpairedSurrogateStrings() {
        return List.of(
                "\uD800",
                "high \uD83D alone",
                "low \uDE00 alone",
                "reversed \uDE00\uD83D pair",
                "ends with high \uDBFF");
    }

    /**
     * Finite float values that must survive bit for bit: both zeros, the
     * smallest and largest subnormals, {@link Float#MIN_VALUE},
     * {@link Float#MIN_NORMAL}, {@link Float#MAX_VALUE} and their negatives,
     * values that need all nine significant digits, and neighbours of 1.
     */
    public static float[] finiteEdgeFloats() {
        return new float[] {
            0.0f, -0.0f,
            Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.intBitsToFloat(0x0000_0003), Float.intBitsToFloat(0x0040_0000),
            Float.intBitsToFloat(0x007F_FFFF), -Float.intBitsToFloat(0x007F_FFFF),
            Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, Math.nextDown(Float.MAX_VALUE),
            1e-7f, -1e-7f, 1e-38f, 1e-45f, 3.4e38f, 1e10f, 123456.79f,
            0.1f, 0.2f, 0.3f, 1.0f / 3.0f, 2.0f / 3.0f, (float) Math.PI, (float) Math.E,
            1.0f, -1.0f, Math.nextUp(1.0f), Math.nextDown(1.0f),
            16_777_215f, 16_777_216f, 16_777_218f,
            1.17549435e-38f, 8.507059e37f, 9.999999e-4f, 100.0f, 1e7f, 12345678f,
        };
    }

    /**
     * NaN with several payloads (quiet and signalling, both signs) and both
     * infinities. A codec that holds them must give back every bit.
     */
    public static float[] nonFiniteFloats() {
        return new float[] {
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0x7FC0_0001), Float.intBitsToFloat(0x7FFF_FFFF),
            Float.intBitsToFloat(0xFFC0_0000), Float.intBitsToFloat(0xFFFF_FFFF),
            Float.intBitsToFloat(0x7F80_0001), Float.intBitsToFloat(0x7FA0_0000),
        };
    }

    /**
     * {@value #LARGE_VECTOR_DIMENSION} floats with varied bit patterns,
     * reproducible (the same every call).
     */
    public static float[] largeVectorValues() {
        float[] values = new float[LARGE_VECTOR_DIMENSION];
        long state = 0x9E37_79B9_7F4A_7C15L;
        for (int i = 0; i < values.length; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            // Values between -2 and 2 with full 24-bit mantissas, as embeddings have.
            values[i] = (float) ((state >>> 40) / (double) (1L << 24) * 4.0 - 2.0);
        }
        return values;
    }

    /**
     * Unsigned 64-bit numbers as Java holds them: 0, 1, 2^32 - 1, 2^32,
     * 2^53 + 1 (not a double), {@link Long#MAX_VALUE}, 2^63
     * ({@link Long#MIN_VALUE}) and 2^64 - 1 ({@code -1L}).
     */
    public static List<Long> unsignedLongs() {
        return List.of(0L, 1L, 0xFFFF_FFFFL, 1L << 32, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L);
    }
}
