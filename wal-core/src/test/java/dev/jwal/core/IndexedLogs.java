package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

/**
 * Logs large enough for segment indexes (64 KiB segments, index entries every 4 KiB), and index files built
 * from docs/FORMAT.md rather than from the code that writes them, so that tests can craft them.
 */
public final class IndexedLogs {
    static final long SEGMENT_SIZE = 64 * 1024;

    private IndexedLogs() {
    }

    /** A layout of the tests: a format and a codec. */
    enum Layout {
        JSON_LINES(SegmentFormat.LINES, "json"), JSON_FRAMED(SegmentFormat.FRAMED, "json"),
        KRYO_FRAMED(SegmentFormat.FRAMED, "kryo");

        final SegmentFormat format;
        final String codec;

        Layout(SegmentFormat format, String codec) {
            this.format = format;
            this.codec = codec;
        }

        WalConfig.Builder config(Path directory) {
            return WalConfig.builder(directory).format(format).codec(codec).segmentSize(SEGMENT_SIZE)
                    .syncPolicy(SyncPolicy.manual());
        }
    }

    /** The entry appended as record {@code i}: upserts of varying size, a delete now and then. */
    static WalEntry entry(long i) {
        if (i % 11 == 10) {
            return new WalEntry.Delete("ns", List.of("v" + (i - 1)));
        }
        float[] values = new float[1 + (int) (i % 7)];
        for (int j = 0; j < values.length; j++) {
            values[j] = i + j / 8f;
        }
        return TestLogs.upsert("v" + i, values);
    }

    /** Appends records {@code from} to {@code from + count - 1} ({@link #entry}) and returns them. */
    static List<LogRecord> append(WriteAheadLog log, long count) {
        List<LogRecord> appended = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            WalEntry entry = entry(log.nextLsn());
            appended.add(new LogRecord(log.append(entry), entry));
        }
        return appended;
    }

    /** Writes {@code count} records into a new log in {@code directory}, closes it and returns them. */
    static List<LogRecord> write(Path directory, Layout layout, long count) {
        try (WriteAheadLog log = Wal.open(layout.config(directory).build())) {
            return append(log, count);
        }
    }

    /** The index files in {@code directory}, by name. */
    static List<Path> indexFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal.idx")).sorted().toList();
        }
    }

    /** The index file of segment {@code segment}. */
    static Path indexOf(Path segment) {
        return segment.resolveSibling(segment.getFileName() + ".idx");
    }

    /** The records from {@code fromLsn} on. */
    static List<LogRecord> from(List<LogRecord> records, long fromLsn) {
        return records.stream().filter(r -> r.lsn() >= fromLsn).toList();
    }

    /** An index file's fields, as docs/FORMAT.md lays them out. */
    public record IndexFile(int interval, long firstLsn, long covered, long[] lsns, long[] offsets) {
        /** Reads a valid index file (its checksum is not checked). */
        static IndexFile read(Path file) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            in.position(10);
            int interval = in.getInt();
            long firstLsn = in.getLong();
            long covered = in.getLong();
            int count = in.getInt();
            long[] lsns = new long[count];
            long[] offsets = new long[count];
            for (int i = 0; i < count; i++) {
                lsns[i] = in.getLong();
                offsets[i] = in.getLong();
            }
            return new IndexFile(interval, firstLsn, covered, lsns, offsets);
        }

        /** The file's bytes, with a valid checksum. */
        public byte[] bytes() {
            ByteBuffer out = ByteBuffer.allocate(38 + 16 * lsns.length);
            out.put(new byte[]{(byte) 0x89, 'J', 'W', 'A', 'L', 'I', 'D', 'X'}).putShort((short) 1).putInt(interval)
                    .putLong(firstLsn).putLong(covered).putInt(lsns.length);
            for (int i = 0; i < lsns.length; i++) {
                out.putLong(lsns[i]).putLong(offsets[i]);
            }
            CRC32C crc = new CRC32C();
            crc.update(out.array(), 0, out.position());
            out.putInt((int) crc.getValue());
            return out.array();
        }

        /** The same index with every entry's offset moved by {@code delta}. */
        IndexFile shifted(long delta) {
            long[] moved = offsets.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += delta;
            }
            return new IndexFile(interval, firstLsn, covered, lsns, moved);
        }

        /** The same index with every entry's LSN moved by {@code delta}. */
        IndexFile renumbered(long delta) {
            long[] moved = lsns.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += delta;
            }
            return new IndexFile(interval, firstLsn, covered, moved, offsets);
        }
    }
}
