package dev.jwal.bench.large;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.bench.BenchEntries;
import dev.jwal.bench.Layout;
import dev.jwal.core.Wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks that a large log recovers in bounded memory and that opening it does not read all of it.
 *
 * <pre>
 *   write   DIR GIB LAYOUT   appends 1536-float entries (manual sync, one sync at the end) until the
 *                            log holds GIB gibibytes
 *   recover DIR              opens the log, times the open, recovers every entry, prints MB/s,
 *                            entries/s and the peak heap; run it with a small -Xmx
 * </pre>
 *
 * {@code bench/large-log.sh} runs both with {@code -Xmx256m} for the recovery.
 */
public final class LargeLogCheck {
    private static final int DIMENSION = 1536;

    private LargeLogCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("write")) {
            write(Path.of(args[1]), Double.parseDouble(args[2]), Layout.parse(args[3]));
        } else if (args.length == 2 && args[0].equals("recover")) {
            recover(Path.of(args[1]));
        } else {
            System.err.println("usage: LargeLogCheck write DIR GIB LAYOUT | recover DIR");
            System.exit(2);
        }
    }

    private static void write(Path directory, double gib, Layout layout) throws IOException {
        long target = (long) (gib * (1L << 30));
        WalConfig config = WalConfig.builder(directory).codec(layout.codec()).format(layout.format())
                .syncPolicy(SyncPolicy.manual()).build();
        WalEntry.Upsert[] pool = BenchEntries.pool(DIMENSION);
        long started = System.nanoTime();
        long entries = 0;
        try (WriteAheadLog log = Wal.open(config)) {
            while (true) {
                for (int i = 0; i < 10_000; i++) {
                    log.append(pool[(int) (entries++ & BenchEntries.POOL_MASK)]);
                }
                if (bytes(directory) >= target) {
                    break;
                }
            }
            log.sync();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %,d entries, %,d bytes, %s, in %.1f s%n", entries, bytes(directory), layout,
                seconds);
    }

    private static void recover(Path directory) throws IOException {
        long bytes = bytes(directory);
        long openStarted = System.nanoTime();
        WalConfig config = WalConfig.builder(directory).syncPolicy(SyncPolicy.manual()).build();
        try (WriteAheadLog log = Wal.open(config)) {
            double openMillis = (System.nanoTime() - openStarted) / 1e6;
            long started = System.nanoTime();
            long entries = 0;
            long floats = 0;
            try (RecordCursor cursor = log.recover()) {
                while (cursor.hasNext()) {
                    LogRecord record = cursor.next();
                    if (record.entry() instanceof WalEntry.Upsert upsert) {
                        floats += upsert.vectors().get(0).dimension();
                    }
                    entries++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("log: %,d bytes in %s%n", bytes, directory);
            System.out.printf("open: %.0f ms (until appends may start)%n", openMillis);
            System.out.printf("recover: %,d entries (%,d floats) in %.2f s: %.0f MB/s, %,.0f entries/s%n", entries,
                    floats, seconds, bytes / seconds / 1e6, entries / seconds);
            System.out.printf("heap: max %d MiB, peak used %d MiB%n", Runtime.getRuntime().maxMemory() >> 20,
                    peakHeapUsed() >> 20);
        }
    }

    private static long peakHeapUsed() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static long bytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
