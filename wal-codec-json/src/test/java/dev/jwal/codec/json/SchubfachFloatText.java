package dev.jwal.codec.json;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.math.BigDecimal;

/**
 * A second, independent way to get the reference's text of a float, used as an
 * oracle for {@link FloatText}: Jackson's Schubfach digits, corrected where
 * Schubfach and ryu choose differently.
 *
 * <p>Formats a finite {@code float} as the reference writes it (Rust's
 * {@code ryu}, as serde_json uses it): the shortest decimal that reads back to
 * the same float, the closest such when several have that length, written
 * plainly with {@code .0} on whole numbers when {@code 1e-6 <= |x| < 1e13}
 * ({@code 100.0}, {@code 0.001}, {@code -0.0}) and as {@code 1e-7} or
 * {@code 3.4028235e38} outside that range.
 *
 * <p>The digits come from Jackson's Schubfach writer, which gives the same
 * digits as ryu except that it may choose a closer two-digit decimal where a
 * one-digit one exists ({@code 1.4E-45} for ryu's {@code 1e-45}); that case is
 * corrected here. Stateless and thread safe.
 */
final class SchubfachFloatText {
    /** Enough for a sign, nine digits, a point, up to twelve zeros and {@code .0}. */
    static final int MAX_LENGTH = 32;

    /** Above this many integer digits, or at this many leading fraction zeros and more, ryu switches to exponent form. */
    private static final int MAX_PLAIN_INTEGER_DIGITS = 13;
    private static final int MIN_PLAIN_DECIMAL_EXPONENT = -6;

    private SchubfachFloatText() {
    }

    /**
     * Writes {@code value} into {@code out} from index 0.
     *
     * @param value a finite float
     * @param out   at least {@link #MAX_LENGTH} chars
     * @return the number of chars written
     */
    static int format(float value, char[] out) {
        boolean negative = Float.floatToRawIntBits(value) < 0;
        int pos = 0;
        if (negative) {
            out[pos++] = '-';
        }
        if (value == 0.0f) {
            out[pos++] = '0';
            out[pos++] = '.';
            out[pos++] = '0';
            return pos;
        }
        float magnitude = Math.abs(value);
        String java = NumberOutput.toString(magnitude, true);

        // Parse Java's form ("123.45", "0.001", "1.2345E-7") into digits * 10^exponent.
        int digits = 0;
        int exponent = 0;
        boolean fraction = false;
        int i = 0;
        int n = java.length();
        for (; i < n; i++) {
            char c = java.charAt(i);
            if (c == '.') {
                fraction = true;
            } else if (c == 'E') {
                exponent += Integer.parseInt(java, i + 1, n, 10);
                break;
            } else {
                digits = digits * 10 + (c - '0');
                if (fraction) {
                    exponent--;
                }
            }
        }
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        if (digits >= 10 && digits < 100) {
            long shorter = oneDigitAlternative(magnitude, digits, exponent);
            if (shorter != 0) {
                digits = (int) (shorter >> 32);
                exponent = (int) shorter;
            }
        }
        return pos + writeRyuStyle(digits, exponent, out, pos);
    }

    /**
     * When Schubfach printed two digits, a one-digit decimal may also read back
     * as {@code magnitude}; ryu prints the closest such one. Returns it packed as
     * {@code digit << 32 | exponent}, or 0 when there is none.
     */
    private static long oneDigitAlternative(float magnitude, int twoDigits, int exponent) {
        int low = twoDigits / 10;
        int high = low + 1;
        int highExponent = exponent + 1;
        if (high == 10) {
            high = 1;
            highExponent++;
        }
        boolean lowReads = readsBackAs(low, exponent + 1, magnitude);
        boolean highReads = readsBackAs(high, highExponent, magnitude);
        if (lowReads && highReads) {
            BigDecimal exact = new BigDecimal(magnitude);
            BigDecimal lowDistance = exact.subtract(BigDecimal.valueOf(low, -(exponent + 1))).abs();
            BigDecimal highDistance = BigDecimal.valueOf(high, -highExponent).subtract(exact).abs();
            int cmp = lowDistance.compareTo(highDistance);
            lowReads = cmp < 0 || cmp == 0 && low % 2 == 0;
            highReads = !lowReads;
        }
        if (lowReads) {
            return (long) low << 32 | (exponent + 1) & 0xFFFFFFFFL;
        }
        if (highReads) {
            return (long) high << 32 | highExponent & 0xFFFFFFFFL;
        }
        return 0;
    }

    private static boolean readsBackAs(int digit, int exponent, float magnitude) {
        return Float.parseFloat(digit + "e" + exponent) == magnitude;
    }

    /** ryu's layout of {@code digits * 10^exponent}, digits without trailing zeros. */
    private static int writeRyuStyle(int digits, int exponent, char[] out, int start) {
        int length = decimalLength(digits);
        int integerDigits = length + exponent; // 10^(integerDigits-1) <= value < 10^integerDigits
        int pos = start;
        if (exponent >= 0 && integerDigits <= MAX_PLAIN_INTEGER_DIGITS) {
            pos = writeDigits(digits, length, out, pos);
            for (int k = 0; k < exponent; k++) {
                out[pos++] = '0';
            }
            out[pos++] = '.';
            out[pos++] = '0';
        } else if (integerDigits > 0 && integerDigits <= MAX_PLAIN_INTEGER_DIGITS) {
            writeDigits(digits, length, out, pos + 1);
            System.arraycopy(out, pos + 1, out, pos, integerDigits);
            out[pos + integerDigits] = '.';
            pos += length + 1;
        } else if (integerDigits > MIN_PLAIN_DECIMAL_EXPONENT && integerDigits <= 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int k = integerDigits; k < 0; k++) {
                out[pos++] = '0';
            }
            pos = writeDigits(digits, length, out, pos);
        } else {
            writeDigits(digits, length, out, pos + 1);
            out[pos] = out[pos + 1];
            if (length == 1) {
                pos += 1;
            } else {
                out[pos + 1] = '.';
                pos += length + 1;
            }
            out[pos++] = 'e';
            String scale = Integer.toString(integerDigits - 1);
            scale.getChars(0, scale.length(), out, pos);
            pos += scale.length();
        }
        return pos - start;
    }

    private static int writeDigits(int digits, int length, char[] out, int pos) {
        int end = pos + length;
        for (int k = end - 1; k >= pos; k--) {
            out[k] = (char) ('0' + digits % 10);
            digits /= 10;
        }
        return end;
    }

    private static int decimalLength(int digits) {
        int length = 1;
        while (digits >= 10) {
            digits /= 10;
            length++;
        }
        return length;
    }
}
