package dev.jwal.core.framed;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A framed segment of several read windows is read record by record: every valid record with its entry and
 * offsets, damage where a checksum fails or the codec refuses a payload, a record larger than a window, and a
 * torn tail at the end.
 */
class FramedSegmentReaderTest {
    private static final EntryCodec JSON = Codecs.byName("json");
    private static final CRC32C CRC = new CRC32C();

    @TempDir
    Path dir;

    /** What the reader handed out: LSN (the damage's for damage), whether damage, and the item's offsets. */
    record Item(long lsn, boolean damage, boolean last, long offset, long endOffset) {
    }

    private static byte[] record(long lsn, byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(FramedFormat.RECORD_HEADER + payload.length);
        FramedFormat.putRecordHeader(record, lsn, payload, CRC);
        return record.put(payload).array();
    }

    private static byte[] payload(long lsn, int padding) {
        return JSON.encode(new WalEntry.CreateNamespace("n" + lsn + "-" + "x".repeat(padding)));
    }

    private List<Item> read(byte[] segment, List<WalEntry> entries) throws IOException {
        Path file = Files.write(dir.resolve("segment.wal"), segment);
        List<Item> items = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            SegmentHeader header = SegmentHeader.read(channel);
            FramedSegmentReader reader = new FramedSegmentReader(channel, header, Long.MAX_VALUE, JSON,
                    WalConfig.DEFAULT_MAX_RECORD_SIZE);
            while (reader.next()) {
                var damage = reader.damage();
                items.add(new Item(damage == null ? reader.lsn() : damage.lsn(), damage != null,
                        damage != null && damage.lastInSegment(), reader.offset(), reader.endOffset()));
                if (damage == null) {
                    entries.add(reader.entry());
                }
            }
        } catch (SegmentHeader.DamagedHeaderException e) {
            throw new AssertionError(e);
        }
        return items;
    }

    @Test
    void manyWindowsOfRecordsWithDamageARefusedPayloadAndALargeRecordReadAsRecordByRecord() throws IOException {
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(FramedFormat.header(JSON.name(), JSON.formatVersion(), 0));
        List<Item> expected = new ArrayList<>();
        List<WalEntry> expectedEntries = new ArrayList<>();
        int records = 3000; // several 256 KiB windows
        for (long lsn = 0; lsn < records; lsn++) {
            int padding = lsn == 1700 ? 300_000 : (int) (lsn * 37 % 400); // one record larger than a window
            byte[] payload = payload(lsn, padding);
            boolean refused = lsn == 900;
            if (refused) {
                payload = "{\"NoSuchEntry\":{}}".getBytes(StandardCharsets.UTF_8); // its checksum holds
            }
            byte[] record = record(lsn, payload);
            boolean garbled = lsn == 2100;
            if (garbled) {
                record[FramedFormat.RECORD_HEADER + 3] ^= 0x40; // the checksum no longer holds
            }
            long offset = segment.size();
            segment.write(record);
            expected.add(new Item(refused ? lsn : garbled ? -1 : lsn, refused || garbled, false, offset,
                    offset + record.length));
            if (!refused && !garbled) {
                expectedEntries.add(JSON.decode(payload, 0, payload.length));
            }
        }
        long tornAt = segment.size();
        byte[] torn = record(records, payload(records, 10));
        segment.write(torn, 0, torn.length - 3);
        expected.add(new Item(-1, true, true, tornAt, tornAt + torn.length - 3));

        List<WalEntry> entries = new ArrayList<>();
        assertThat(read(segment.toByteArray(), entries)).containsExactlyElementsOf(expected);
        assertThat(entries).containsExactlyElementsOf(expectedEntries);
    }

    /** A reader of the whole segment {@code channel} holds. */
    private static FramedSegmentReader readerOf(FileChannel channel) throws IOException {
        try {
            return new FramedSegmentReader(channel, SegmentHeader.read(channel), Long.MAX_VALUE, JSON,
                    WalConfig.DEFAULT_MAX_RECORD_SIZE);
        } catch (SegmentHeader.DamagedHeaderException e) {
            throw new AssertionError(e);
        }
    }

    /** A segment of {@code records} records of about 1 KB each, then {@code room} bytes of reserved zeros. */
    private Path segmentWithRoom(int records, int room) throws IOException {
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(FramedFormat.header(JSON.name(), JSON.formatVersion(), 0));
        for (long lsn = 0; lsn < records; lsn++) {
            segment.write(record(lsn, payload(lsn, 1000)));
        }
        segment.write(new byte[room]);
        return Files.write(dir.resolve("segment.wal"), segment.toByteArray());
    }

    /** Reads the rest of the segment, records only, in LSN order from {@code nextLsn}; returns the next LSN. */
    private static long readOn(FramedSegmentReader reader, long nextLsn) throws IOException {
        while (reader.next()) {
            assertThat(reader.damage()).isNull();
            assertThat(reader.lsn()).isEqualTo(nextLsn);
            nextLsn++;
        }
        return nextLsn;
    }

    @Test
    void roomCutByTheWriterWhileTheReaderReadsAheadEndsTheSegmentWhereItsRecordsEnd() throws IOException {
        int room = 1 << 20;
        Path file = segmentWithRoom(400, room); // more than one 256 KiB window of records
        long recordsEnd = Files.size(file) - room;
        try (FileChannel channel = FileChannel.open(file);
             FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FramedSegmentReader reader = readerOf(channel);
            assertThat(reader.next()).isTrue(); // the first window read, and the zeros' start found

            writer.truncate(recordsEnd); // as a writer moving to its next segment cuts its reserved room

            assertThat(readOn(reader, 1)).isEqualTo(400);
            assertThat(reader.endOffset()).isEqualTo(recordsEnd);
        }
    }

    @Test
    void roomCutBeforeTheFirstRecordIsReadEndsTheSegmentWhereItsRecordsEnd() throws IOException {
        int room = 1 << 20;
        Path file = segmentWithRoom(100, room);
        long recordsEnd = Files.size(file) - room;
        try (FileChannel channel = FileChannel.open(file);
             FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FramedSegmentReader reader = readerOf(channel);

            writer.truncate(recordsEnd);

            assertThat(readOn(reader, 0)).isEqualTo(100);
        }
    }

    @Test
    void aCutIntoRecordsEndsTheSegmentAtTheCutWithTheRecordItToreReportedAsDamage() throws IOException {
        Path file = segmentWithRoom(400, 0);
        long cut = 300_007; // past the first 256 KiB window, inside a record
        try (FileChannel channel = FileChannel.open(file);
             FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FramedSegmentReader reader = readerOf(channel);
            assertThat(reader.next()).isTrue();

            writer.truncate(cut);

            long records = 1;
            while (reader.next() && reader.damage() == null) {
                records++;
            }
            assertThat(reader.damage()).isNotNull();
            assertThat(reader.damage().lastInSegment()).isTrue();
            assertThat(reader.offset()).isLessThan(cut);
            assertThat(reader.endOffset()).isEqualTo(cut);
            assertThat(reader.next()).isFalse();
            assertThat(records).isBetween(250L, 300L);
        }
    }

    @Test
    void aCutAtARecordBoundaryTheReaderHasNotReachedEndsTheSegmentThereWithoutDamage() throws IOException {
        Path file = segmentWithRoom(400, 0);
        long firstRecord = FramedFormat.header(JSON.name(), JSON.formatVersion(), 0).length;
        long boundary = firstRecord;
        long records = 0;
        // The start of the first record the first window does not hold: where the reader's next read starts.
        while (boundary + record(records, payload(records, 1000)).length <= firstRecord + FramedSegmentReader.WINDOW) {
            boundary += record(records, payload(records, 1000)).length;
            records++;
        }
        try (FileChannel channel = FileChannel.open(file);
             FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FramedSegmentReader reader = readerOf(channel);
            assertThat(reader.next()).isTrue();

            writer.truncate(boundary);

            assertThat(readOn(reader, 1)).isEqualTo(records);
            assertThat(reader.endOffset()).isEqualTo(boundary);
        }
    }
}
