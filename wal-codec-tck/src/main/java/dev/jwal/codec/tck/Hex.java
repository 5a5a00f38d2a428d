package dev.jwal.codec.tck;

/** Bytes as hex for failure messages, cut after a limit. Stateless. */
final class Hex {
    private static final int SHOWN = 200;

    private Hex() {
    }

    /** {@code length} bytes of {@code bytes} from {@code offset}, e.g. {@code "[5 bytes] 0a ff 00 12 7e"}. */
    static String of(byte[] bytes, int offset, int length) {
        StringBuilder text = new StringBuilder(16 + 3 * Math.min(length, SHOWN)).append('[').append(length).append(" bytes]");
        int shown = Math.min(length, SHOWN);
        for (int i = 0; i < shown; i++) {
            text.append(' ').append(Character.forDigit((bytes[offset + i] >> 4) & 0xF, 16))
                    .append(Character.forDigit(bytes[offset + i] & 0xF, 16));
        }
        if (shown < length) {
            text.append(" ...");
        }
        return text.toString();
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
