package dev.jwal.core.fuzz;

import dev.jwal.api.LogRecord;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.LogInspector;
import dev.jwal.core.TestLogs;
import dev.jwal.core.Wal;
import dev.jwal.core.segment.SegmentName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real log the fuzz test writes once per format and codec, and copies for every run: the records it
 * acknowledged, its segment files, and each record's bytes exactly as they are on disk (so a run can tell
 * whether a mutation damaged a record, and find its bytes again in a side file).
 */
final class OriginalLog {
    /** Small, so that the log spans several segments (Kryo's payloads are a third of JSON's). */
    private static final long JSON_SEGMENT_SIZE = 1024;
    private static final long KRYO_SEGMENT_SIZE = 384;

    final String name;
    final SegmentFormat format;
    final String codec;
    final Path directory;
    final List<LogRecord> records;
    /** Segment file names, in order. */
    final List<String> segments;
    /** Each record's bytes on disk (the whole line, or the framed record with its length, CRC and LSN). */
    final Map<Long, byte[]> encoded;

    private OriginalLog(String name, SegmentFormat format, String codec, Path directory, List<LogRecord> records,
                        List<String> segments, Map<Long, byte[]> encoded) {
        this.name = name;
        this.format = format;
        this.codec = codec;
        this.directory = directory;
        this.records = records;
        this.segments = segments;
        this.encoded = encoded;
    }

    WalConfig.Builder config(Path dir) {
        return WalConfig.builder(dir).codec(codec).format(format).segmentSize(codec.equals("kryo") ? KRYO_SEGMENT_SIZE : JSON_SEGMENT_SIZE)
                .syncPolicy(SyncPolicy.everyWrite());
    }

    static WalEntry.Upsert upsert(String id, float... values) {
        return new WalEntry.Upsert("ns", List.of(SerializedVector.of(id, values)));
    }

    /** Writes upserts, deletes, a committed and a rolled-back transaction and a checkpoint into {@code dir}. */
    static OriginalLog write(Path dir, String name, SegmentFormat format, String codec) throws IOException {
        OriginalLog shape = new OriginalLog(name, format, codec, dir, List.of(), List.of(), Map.of());
        Map<Long, WalEntry> acknowledged = new LinkedHashMap<>();
        try (WriteAheadLog log = Wal.open(shape.config(dir).build())) {
            acknowledged.put(log.append(new WalEntry.CreateNamespace("ns")), new WalEntry.CreateNamespace("ns"));
            for (int i = 0; i < 36; i++) {
                WalEntry entry = i % 7 == 6 ? new WalEntry.Delete("ns", List.of("v" + (i - 1)))
                        : upsert("v" + i, i, i + 0.5f);
                acknowledged.put(log.append(entry), entry);
                if (i == 12) {
                    long lsn = log.checkpoint();
                    acknowledged.put(lsn, new WalEntry.Checkpoint(lsn));
                }
                if (i == 20 || i == 27) {
                    long txn = i;
                    List<WalEntry> inside = List.of(upsert("t" + i, 1f), new WalEntry.Delete("ns", List.of("v3")));
                    var range = log.appendTransaction(txn, inside);
                    long lsn = range.first();
                    acknowledged.put(lsn++, new WalEntry.TxnBegin(txn));
                    for (WalEntry e : inside) {
                        acknowledged.put(lsn++, e);
                    }
                    acknowledged.put(lsn, new WalEntry.TxnCommit(txn));
                }
            }
        }
        List<LogRecord> records = TestLogs.drain(LogInspector.open(dir, RecoveryMode.STRICT, p -> { }).read(0));
        List<LogRecord> expected = acknowledged.entrySet().stream()
                .map(e -> new LogRecord(e.getKey(), e.getValue())).toList();
        if (!records.equals(expected)) {
            throw new IllegalStateException(name + ": the original log does not read back as written: " + records);
        }
        List<String> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.map(p -> p.getFileName().toString()).filter(n -> SegmentName.parse(n).isPresent())
                    .sorted().toList();
        }
        if (segments.size() < 3) {
            throw new IllegalStateException(name + ": expected several segments, got " + segments);
        }
        Map<Long, byte[]> encoded = new LinkedHashMap<>();
        for (String segment : segments) {
            encoded.putAll(recordBytes(Files.readAllBytes(dir.resolve(segment))));
        }
        if (encoded.size() != records.size()) {
            throw new IllegalStateException(name + ": found the bytes of " + encoded.size() + " records, not "
                    + records.size());
        }
        return new OriginalLog(name, format, codec, dir, List.copyOf(records), segments, encoded);
    }

    /** Splits a segment's bytes into records, by LSN. */
    private static Map<Long, byte[]> recordBytes(byte[] segment) {
        Map<Long, byte[]> found = new LinkedHashMap<>();
        if (segment.length == 0) {
            return found;
        }
        if ((segment[0] & 0xff) == 0x89) {
            ByteBuffer buffer = ByteBuffer.wrap(segment);
            int position = 27 + (segment[10] & 0xff);
            while (position + 16 <= segment.length) {
                int length = buffer.getInt(position);
                found.put(buffer.getLong(position + 8), Arrays.copyOfRange(segment, position, position + 16 + length));
                position += 16 + length;
            }
            return found;
        }
        int start = 0;
        for (int i = 0; i < segment.length; i++) {
            if (segment[i] == '\n') {
                String line = new String(segment, start, i - start, java.nio.charset.StandardCharsets.UTF_8);
                found.put(Long.parseLong(line.substring(0, line.indexOf('|'))), Arrays.copyOfRange(segment, start, i + 1));
                start = i + 1;
            }
        }
        return found;
    }

    /** Copies the log's files (segments, checkpoint, transaction boundary) into the empty {@code target}. */
    void copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    long nextLsn() {
        return records.size();
    }

    /** The segment that holds the record in the middle of the log. */
    String middleSegment() {
        long middle = records.size() / 2;
        String holding = segments.get(0);
        for (String segment : segments) {
            if (SegmentName.parse(segment).orElseThrow() <= middle) {
                holding = segment;
            }
        }
        return holding;
    }

    /** The last LSN of {@link #middleSegment()}: a read from it may seek anywhere in that segment. */
    long middleLsn() {
        int next = segments.indexOf(middleSegment()) + 1;
        return next < segments.size() ? SegmentName.parse(segments.get(next)).orElseThrow() - 1 : records.size() - 1;
    }

    @Override
    public String toString() {
        return name;
    }
}
