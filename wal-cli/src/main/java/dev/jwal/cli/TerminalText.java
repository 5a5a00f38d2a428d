package dev.jwal.cli;

/**
 * Makes text safe to print on a terminal: every message and report line of
 * {@code wal} passes through {@link #escape(String)} before it is printed, so
 * text that came from a file (a codec name in a crafted segment header, a
 * path, a namespace or id quoted in a problem's detail) can neither send
 * escape sequences to the terminal nor start a line of its own. Stateless.
 *
 * <p>Escaped, in Java's notation: the C0 controls ({@code \n}, {@code \r} and
 * {@code \t} as such, the rest as {@code \}{@code u001B} and the like), DEL, the
 * C1 controls (U+0080 to U+009F, which some terminals obey as escape
 * sequences), the line and paragraph separators, the bidirectional controls
 * (which reorder what a reader sees), and unpaired surrogates. A backslash is
 * left as it is, so the escaped text is unambiguous only where the original
 * held no {@code \}{@code u}: it is for reading, not for parsing back.
 */
final class TerminalText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TerminalText() {
    }

    /** {@code text} with every unsafe character escaped; {@code "null"} for null. */
    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (!unsafe(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code c}, not part of a surrogate pair, must be escaped. */
    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u2028' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || Character.isSurrogate(c);
    }
}
