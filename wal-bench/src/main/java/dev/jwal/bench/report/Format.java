package dev.jwal.bench.report;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.bench.BenchEntries;
import dev.jwal.bench.Layout;
import dev.jwal.bench.RecordBytes;

import java.util.Locale;

/** How the report writes its figures, and the record and payload sizes it converts them with. */
final class Format {
    private Format() {
    }

    /** A ratio with its {@code x}, e.g. {@code 0.44x}, {@code 1.6x}, {@code 149x}; {@code n/a} when undefined. */
    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : number(value) + "x";
    }

    /** A ratio's number: three significant figures at most, trailing zeros dropped above 1. */
    static String number(double ratio) {
        if (Double.isNaN(ratio)) {
            return "n/a";
        }
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio)
                : ratio >= 1 ? String.format(Locale.ROOT, "%.2f", ratio).replaceAll("\\.?0+$", "")
                : ratio >= 0.1 ? String.format(Locale.ROOT, "%.2f", ratio)
                : String.format(Locale.ROOT, "%.3f", ratio).replaceAll("0+$", "");
    }

    static String ops(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** The median with its range over the measurement iterations. */
    static String opsRange(JmhResult r) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f to %,.0f)", r.median(), r.min(), r.max());
    }

    static String ns(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** The result's median in MB/s of its layout's records. */
    static String mbs(JmhResult r, String layout) {
        return mbs(r.median(), layout, Integer.parseInt(r.param("size")));
    }

    static String mbs(double opsPerSecond, String layout, int size) {
        return String.format(Locale.ROOT, "%,.1f", opsPerSecond * recordBytes(layout, Integer.toString(size)) / 1e6);
    }

    /** The mean size of a framed or lines record of the benchmark entries of {@code size} floats. */
    static double recordBytes(String layout, String size) {
        return RecordBytes.meanSize(Layout.parse(layout), Integer.parseInt(size));
    }

    /** The mean payload the codec writes for the benchmark entries of {@code size} floats. */
    static double payloadBytes(String codecName, int size) {
        EntryCodec codec = Codecs.byName(codecName);
        long total = 0;
        WalEntry[] entries = BenchEntries.pool(size);
        for (WalEntry entry : entries) {
            total += codec.encode(entry).length;
        }
        return (double) total / entries.length;
    }
}
