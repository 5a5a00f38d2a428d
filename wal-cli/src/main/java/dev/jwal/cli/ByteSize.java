package dev.jwal.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in human units, both ways: {@link #parse} reads {@code 64MiB},
 * {@code 1.5GiB}, {@code 512KB} or {@code 4096} for options such as
 * {@code --segment-size}, and {@link #format} writes {@code 1.5 MiB} for
 * {@code wal stats}.
 *
 * <p>Binary units ({@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}) are
 * powers of 1024, and so are the one-letter ones ({@code K}, {@code M},
 * {@code G}, {@code T}, as in {@code java -Xmx}); decimal units ({@code kB},
 * {@code MB}, {@code GB}, {@code TB}) are powers of 1000. Units are
 * case-insensitive; a space between number and unit is allowed.
 */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)", Pattern.CASE_INSENSITIVE);
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSize() {
    }

    /**
     * The number of bytes {@code text} stands for.
     *
     * @throws IllegalArgumentException if it is not a size, has an unknown unit, is not a whole number of
     *                                  bytes, or does not fit in a long
     */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 4096, 64MiB, 1.5GiB or 500MB");
        }
        long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + matcher.group(2)
                    + "': use B, KiB, MiB, GiB, TiB (powers of 1024) or kB, MB, GB, TB (powers of 1000)");
        };
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is " + (bytes.signum() > 0
                    && bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                    ? "too large" : "not a whole number of bytes"));
        }
    }

    /**
     * {@code bytes} in the largest binary unit that keeps the number at 1 or more, with one decimal when
     * the number is below 10 and none above: {@code 512 B}, {@code 1.5 KiB}, {@code 64 MiB}, {@code 123 GiB}.
     * Exact sizes keep no decimal: {@code 2 MiB}, not {@code 2.0 MiB}.
     */
    static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
        int unit = 0;
        while (unit + 1 < BINARY_UNITS.length && bytes >= 1L << (10 * (unit + 1))) {
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        long scale = 1L << (10 * unit);
        if (bytes % scale == 0) {
            return bytes / scale + " " + BINARY_UNITS[unit];
        }
        // Rounded down, so that a size just short of a unit never shows as that unit.
        BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(scale), bytes / scale < 10 ? 1 : 0,
                RoundingMode.FLOOR);
        String number = value.stripTrailingZeros().toPlainString();
        return number + " " + BINARY_UNITS[unit];
    }

    /** Reads a size option: see {@link ByteSize}. */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
