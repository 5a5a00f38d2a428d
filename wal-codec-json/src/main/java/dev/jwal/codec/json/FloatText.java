package dev.jwal.codec.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a finite {@code float} exactly as the reference writes it: Rust's
 * {@code ryu} crate, which serde_json uses for {@code f32}. The digits are the
 * shortest that read back to the same float (the closest to its exact value
 * when several are that short, the even one on a tie), found with the Ryū
 * algorithm (Ulf Adams, PLDI 2018, the {@code f2s} variant with its two small
 * power-of-5 tables). The layout is ryu's: plain with {@code .0} on whole
 * numbers when {@code 1e-6 <= |x| < 1e13} ({@code 100.0}, {@code -0.0},
 * {@code 0.001}), otherwise {@code 1e-7} or {@code 3.4028235e38}.
 *
 * <p>One exception: the text must read back to the same float the way the
 * reference reads a float (the nearest double first, then the nearest float
 * to it), and for one float in the whole range, ±{@code 0x15ae43fd}, ryu's
 * shortest text {@code 7.038531e-26} does not (it reads as the next float).
 * Each text is checked, and where that happens more digits are written
 * ({@code 7.0385307e-26}).
 *
 * <p>Writes straight into a char array, without allocating, as one log entry
 * may carry thousands of values. Stateless and thread safe.
 */
final class FloatText {
    /** The longest text: {@code -0.00000} followed by nine digits. */
    static final int MAX_LENGTH = 17;

    /** Nine significant digits tell every float apart, even when read through a double. */
    private static final int MAX_FLOAT_DIGITS = 9;
    private static final int MANTISSA_BITS = 23;
    private static final int EXPONENT_BIAS = 127;
    private static final int POW5_INV_BITCOUNT = 59;
    private static final int POW5_BITCOUNT = 61;
    /** floor(2^(bits(5^q) - 1 + 59) / 5^q) + 1, for the binary exponents that are not negative. */
    private static final long[] POW5_INV_SPLIT = new long[32];
    /** 5^i scaled to 61 bits, for the negative binary exponents. */
    private static final long[] POW5_SPLIT = new long[48];

    /** "00" to "99", each pair of digits at twice its value. */
    private static final char[] DIGIT_PAIRS = new char[200];

    /** Above this many integer digits, or below 1e-6, ryu writes the exponent form. */
    private static final int MAX_PLAIN_INTEGER_DIGITS = 13;
    private static final int MIN_PLAIN_DECIMAL_EXPONENT = -6;

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (char) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (char) ('0' + i % 10);
        }
        for (int i = 0; i < POW5_SPLIT.length; i++) {
            BigInteger pow = BigInteger.valueOf(5).pow(i);
            int bits = pow.bitLength();
            POW5_SPLIT[i] = (bits > POW5_BITCOUNT ? pow.shiftRight(bits - POW5_BITCOUNT) : pow.shiftLeft(POW5_BITCOUNT - bits)).longValueExact();
            if (i < POW5_INV_SPLIT.length) {
                POW5_INV_SPLIT[i] = BigInteger.ONE.shiftLeft(bits - 1 + POW5_INV_BITCOUNT).divide(pow).add(BigInteger.ONE).longValueExact();
            }
        }
    }

    private FloatText() {
    }

    /**
     * Writes {@code value} into {@code out} at {@code pos}.
     *
     * @param value a finite float
     * @param out   with room for {@link #MAX_LENGTH} chars at {@code pos}
     * @return the index after the text
     */
    static int format(float value, char[] out, int pos) {
        int bits = Float.floatToRawIntBits(value);
        if (bits < 0) {
            out[pos++] = '-';
        }
        int ieeeMantissa = bits & ((1 << MANTISSA_BITS) - 1);
        int ieeeExponent = (bits >>> MANTISSA_BITS) & 0xFF;
        if (ieeeExponent == 0 && ieeeMantissa == 0) {
            out[pos] = '0';
            out[pos + 1] = '.';
            out[pos + 2] = '0';
            return pos + 3;
        }
        long decimal = shortestDecimal(ieeeMantissa, ieeeExponent);
        float magnitude = Math.abs(value);
        if (!readsBackThroughDouble((int) (decimal >>> 32), (int) decimal, magnitude)) {
            decimal = shortestSurvivingDoubleRounding(magnitude, decimalLength((int) (decimal >>> 32)) + 1);
        }
        return writeRyuLayout((int) (decimal >>> 32), (int) decimal, out, pos);
    }

    /**
     * Whether {@code digits * 10^exponent}, read as the reference reads a float
     * (the nearest double, then the nearest float to that), gives {@code magnitude}.
     * Not always so for the shortest digits: the double may land just across
     * the midpoint between two floats ({@code 7.038531e-26}, read as the float
     * after the one it was written for; an exhaustive run over every float
     * found no other).
     */
    private static boolean readsBackThroughDouble(int digits, int exponent, float magnitude) {
        double nearest = SerdeNumbers.exactQuotientOrNaN(digits, exponent);
        if (Double.isNaN(nearest)) {
            nearest = Double.parseDouble(digits + "e" + exponent); // correctly rounded; rare outside 1e-13..1e22
        }
        return (float) nearest == magnitude;
    }

    /**
     * The float's value rounded to the fewest significant digits, from
     * {@code fromLength} on, that reads back through a double. Nine digits
     * always do: they are within 5e-9 of the value relatively, far inside the
     * float's rounding interval (at least 3e-8 wide on each side) compared to
     * a double's rounding error (1.1e-16). Slow (BigDecimal) but rarely needed.
     */
    private static long shortestSurvivingDoubleRounding(float magnitude, int fromLength) {
        BigDecimal exact = new BigDecimal(magnitude);
        for (int length = Math.min(fromLength, MAX_FLOAT_DIGITS); ; length++) {
            BigDecimal rounded = exact.round(new MathContext(length, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            int digits = rounded.unscaledValue().intValueExact();
            int exponent = -rounded.scale();
            if (length >= MAX_FLOAT_DIGITS || readsBackThroughDouble(digits, exponent, magnitude)) {
                return (long) digits << 32 | exponent & 0xFFFFFFFFL;
            }
        }
    }

    /**
     * Ryū's {@code f2d}: the shortest decimal {@code digits * 10^exponent} that
     * rounds to the float, packed as {@code digits << 32 | exponent}.
     */
    private static long shortestDecimal(int ieeeMantissa, int ieeeExponent) {
        int e2;
        long m2;
        if (ieeeExponent == 0) {
            e2 = 1 - EXPONENT_BIAS - MANTISSA_BITS - 2; // two more bits for the bounds
            m2 = ieeeMantissa;
        } else {
            e2 = ieeeExponent - EXPONENT_BIAS - MANTISSA_BITS - 2;
            m2 = (1L << MANTISSA_BITS) | ieeeMantissa;
        }
        boolean acceptBounds = (m2 & 1) == 0;

        // The interval of decimals that round to the float: (mm, mp) around mv, times 2^e2.
        long mv = 4 * m2;
        long mp = 4 * m2 + 2;
        int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;
        long mm = 4 * m2 - 1 - mmShift;

        long vr;
        long vp;
        long vm;
        int e10;
        boolean vmIsTrailingZeros = false;
        boolean vrIsTrailingZeros = false;
        int lastRemovedDigit = 0;
        if (e2 >= 0) {
            int q = log10Pow2(e2);
            e10 = q;
            int k = POW5_INV_BITCOUNT + pow5bits(q) - 1;
            int i = -e2 + q + k;
            vr = mulShift(mv, POW5_INV_SPLIT[q], i);
            vp = mulShift(mp, POW5_INV_SPLIT[q], i);
            vm = mulShift(mm, POW5_INV_SPLIT[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                int l = POW5_INV_BITCOUNT + pow5bits(q - 1) - 1;
                lastRemovedDigit = (int) (mulShift(mv, POW5_INV_SPLIT[q - 1], -e2 + q - 1 + l) % 10);
            }
            if (q <= 9) {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) {
                    vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
                } else if (acceptBounds) {
                    vmIsTrailingZeros = multipleOfPowerOf5(mm, q);
                } else if (multipleOfPowerOf5(mp, q)) {
                    vp--;
                }
            }
        } else {
            int q = log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = pow5bits(i) - POW5_BITCOUNT;
            int j = q - k;
            vr = mulShift(mv, POW5_SPLIT[i], j);
            vp = mulShift(mp, POW5_SPLIT[i], j);
            vm = mulShift(mm, POW5_SPLIT[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                j = q - 1 - (pow5bits(i + 1) - POW5_BITCOUNT);
                lastRemovedDigit = (int) (mulShift(mv, POW5_SPLIT[i + 1], j) % 10);
            }
            if (q <= 1) {
                // mv = 4 * m2 always has at least two trailing zero bits.
                vrIsTrailingZeros = true;
                if (acceptBounds) {
                    vmIsTrailingZeros = mmShift == 1;
                } else {
                    vp--;
                }
            } else if (q < 31) {
                vrIsTrailingZeros = multipleOfPowerOf2(mv, q - 1);
            }
        }

        // Remove digits while the interval still holds a shorter decimal.
        int removed = 0;
        long output;
        if (vmIsTrailingZeros || vrIsTrailingZeros) {
            while (vp / 10 > vm / 10) {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int) (vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros) {
                while (vm % 10 == 0) {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int) (vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
                lastRemovedDigit = 4; // the exact value is ...50000: round to even
            }
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1 : 0);
        } else {
            while (vp / 10 > vm / 10) {
                lastRemovedDigit = (int) (vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || lastRemovedDigit >= 5 ? 1 : 0);
        }
        return output << 32 | (e10 + removed) & 0xFFFFFFFFL;
    }

    /** ryu's layout of {@code digits * 10^exponent} ({@code format32} of ryu's pretty printer). */
    private static int writeRyuLayout(int digits, int exponent, char[] out, int pos) {
        int length = decimalLength(digits);
        int integerDigits = length + exponent; // 10^(integerDigits-1) <= value < 10^integerDigits
        if (exponent >= 0 && integerDigits <= MAX_PLAIN_INTEGER_DIGITS) {
            // 1234e7 -> 12340000000.0
            pos = writeDigits(digits, length, out, pos);
            for (int k = 0; k < exponent; k++) {
                out[pos++] = '0';
            }
            out[pos] = '.';
            out[pos + 1] = '0';
            return pos + 2;
        }
        if (integerDigits > 0 && integerDigits <= MAX_PLAIN_INTEGER_DIGITS) {
            // 1234e-2 -> 12.34
            writeDigits(digits, length, out, pos + 1);
            System.arraycopy(out, pos + 1, out, pos, integerDigits);
            out[pos + integerDigits] = '.';
            return pos + length + 1;
        }
        if (integerDigits > MIN_PLAIN_DECIMAL_EXPONENT && integerDigits <= 0) {
            // 1234e-6 -> 0.001234
            out[pos++] = '0';
            out[pos++] = '.';
            for (int k = integerDigits; k < 0; k++) {
                out[pos++] = '0';
            }
            return writeDigits(digits, length, out, pos);
        }
        // 1e30, 1234e30 -> 1.234e33
        writeDigits(digits, length, out, pos + 1);
        out[pos] = out[pos + 1];
        if (length == 1) {
            pos += 1;
        } else {
            out[pos + 1] = '.';
            pos += length + 1;
        }
        out[pos++] = 'e';
        int scale = integerDigits - 1;
        if (scale < 0) {
            out[pos++] = '-';
            scale = -scale;
        }
        if (scale >= 10) {
            out[pos++] = (char) ('0' + scale / 10);
        }
        out[pos++] = (char) ('0' + scale % 10);
        return pos;
    }

    /** Writes the {@code length} decimal digits of {@code digits} ending just before {@code pos + length}, two at a time. */
    private static int writeDigits(int digits, int length, char[] out, int pos) {
        int end = pos + length;
        int k = end;
        while (digits >= 100) {
            int quotient = digits / 100;
            int pair = (digits - quotient * 100) * 2;
            out[--k] = DIGIT_PAIRS[pair + 1];
            out[--k] = DIGIT_PAIRS[pair];
            digits = quotient;
        }
        if (digits >= 10) {
            out[--k] = DIGIT_PAIRS[digits * 2 + 1];
            out[--k] = DIGIT_PAIRS[digits * 2];
        } else {
            out[--k] = (char) ('0' + digits);
        }
        return end;
    }

    /** The number of decimal digits of {@code digits}, which is positive. */
    private static int decimalLength(int digits) {
        if (digits >= 10_000) {
            return digits >= 10_000_000 ? (digits >= 100_000_000 ? (digits >= 1_000_000_000 ? 10 : 9) : 8)
                    : digits >= 100_000 ? (digits >= 1_000_000 ? 7 : 6) : 5;
        }
        return digits >= 100 ? (digits >= 1_000 ? 4 : 3) : digits >= 10 ? 2 : 1;
    }

    /** (m * factor) >> shift, for m below 2^32, factor below 2^62 and shift above 32. */
    private static long mulShift(long m, long factor, int shift) {
        long low = m * (factor & 0xFFFFFFFFL);
        long high = m * (factor >>> 32);
        return ((low >>> 32) + high) >>> (shift - 32);
    }

    /** ceil(log2(5^e)) for e >= 1, and 1 for e = 0. */
    private static int pow5bits(int e) {
        return (int) ((e * 1217359L) >>> 19) + 1;
    }

    /** floor(log10(2^e)). */
    private static int log10Pow2(int e) {
        return (int) ((e * 78913L) >>> 18);
    }

    /** floor(log10(5^e)). */
    private static int log10Pow5(int e) {
        return (int) ((e * 732923L) >>> 20);
    }

    private static boolean multipleOfPowerOf5(long value, int p) {
        int count = 0;
        while (value > 0 && value % 5 == 0) {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    private static boolean multipleOfPowerOf2(long value, int p) {
        return (value & ((1L << p) - 1)) == 0;
    }
}
