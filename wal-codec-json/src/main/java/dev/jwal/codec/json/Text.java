package dev.jwal.codec.json;

/** String checks and quoting for messages. Stateless. */
final class Text {
    /** How many characters of a string an error message shows. */
    private static final int QUOTE_LIMIT = 60;

    private Text() {
    }

    /**
     * The index of the first unpaired surrogate in {@code text}, or -1 when the
     * text is valid Unicode (every high surrogate followed by a low one).
     */
    static int unpairedSurrogateIndex(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * {@code text} in double quotes for an error message: control characters,
     * surrogates and other invisible characters as {@code \\uXXXX}, cut after
     * {@value #QUOTE_LIMIT} characters.
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), QUOTE_LIMIT) + 8).append('"');
        int shown = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < shown && Character.isLowSurrogate(text.charAt(i + 1))) {
                quoted.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || Character.isWhitespace(c) && c != ' ') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (shown < text.length()) {
            quoted.append("... (").append(text.length()).append(" chars)");
        }
        return quoted.toString();
    }

    /** {@code \\uXXXX} for a character in a message. */
    static String codeUnit(char c) {
        return String.format("U+%04X", (int) c);
    }
}
