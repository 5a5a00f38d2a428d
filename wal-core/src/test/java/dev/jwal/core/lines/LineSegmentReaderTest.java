package dev.jwal.core.lines;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines decoded ahead, on other threads, are handed out as reading line by line would: same items, same offsets;
 * a reader that takes few records decodes few.
 */
class LineSegmentReaderTest {
    private static final EntryCodec JSON = Codecs.byName("json");

    @TempDir
    Path dir;

    /** What the reader handed out, one item per line: LSN or damage, and the item's offsets. */
    record Item(long lsn, boolean damage, boolean last, boolean incomplete, long offset, long endOffset) {
    }

    private static byte[] record(long lsn) {
        return (lsn + "|" + new String(JSON.encode(new WalEntry.TxnBegin(lsn)), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<Item> read(byte[] segment) throws IOException {
        Path file = Files.write(dir.resolve("segment.wal"), segment);
        List<Item> items = new ArrayList<>();
        try (LineSegmentReader reader = new LineSegmentReader(FileChannel.open(file), Long.MAX_VALUE, JSON,
                WalConfig.DEFAULT_MAX_RECORD_SIZE)) {
            while (reader.next()) {
                var damage = reader.damage();
                items.add(new Item(damage == null ? reader.lsn() : damage.lsn(), damage != null,
                        damage != null && damage.lastInSegment(), damage != null && damage.incompleteRecord(),
                        reader.offset(), reader.endOffset()));
            }
            assertThat(reader.offset()).as("where reading stopped").isEqualTo(segment.length);
        }
        return items;
    }

    @Test
    void manyWindowsOfLinesWithDamageInsideAndATornTailReadAsLineByLine() throws IOException {
        int records = 3 * LineSegmentReader.AHEAD_LINES + 7;
        int garbled = 2 * LineSegmentReader.AHEAD_LINES - 1;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        List<Item> expected = new ArrayList<>();
        for (long lsn = 0; lsn < records; lsn++) {
            byte[] line = lsn == garbled ? (lsn + "|{\"TxnBegin\":{\"txn_id\":}}\n").getBytes(StandardCharsets.UTF_8)
                    : record(lsn);
            long offset = segment.size();
            segment.write(line);
            if (lsn % 50 == 0) {
                segment.write("  \n".getBytes(StandardCharsets.UTF_8)); // a blank line holds no record
            }
            expected.add(new Item(lsn, lsn == garbled, false, false, offset, offset + line.length));
        }
        long tornAt = segment.size();
        byte[] torn = record(records);
        segment.write(torn, 0, torn.length / 2);
        expected.add(new Item(records, true, true, true, tornAt, tornAt + torn.length / 2)); // its LSN prefix is whole

        assertThat(read(segment.toByteArray())).containsExactlyElementsOf(expected);
    }

    @Test
    void aLineOfZerosAmongRecordsIsTheLastThingForced() throws IOException {
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(record(0));
        segment.write(new byte[40]);
        segment.write('\n');
        segment.write(record(2));

        List<Item> items = read(segment.toByteArray());

        assertThat(items).hasSize(3);
        assertThat(items.get(1)).isEqualTo(new Item(-1, true, true, false, record(0).length, record(0).length + 41));
    }

    /** The json codec, counting its decodes. */
    private static final class CountingCodec implements EntryCodec {
        final AtomicInteger decodes = new AtomicInteger();

        @Override
        public String name() {
            return JSON.name();
        }

        @Override
        public int formatVersion() {
            return JSON.formatVersion();
        }

        @Override
        public boolean writesSingleLineText() {
            return JSON.writesSingleLineText();
        }

        @Override
        public byte[] encode(WalEntry entry) {
            return JSON.encode(entry);
        }

        @Override
        public WalEntry decode(byte[] payload, int offset, int length) {
            decodes.incrementAndGet();
            return JSON.decode(payload, offset, length);
        }
    }

    @Test
    void aReaderThatTakesOneRecordAfterASeekDecodesOnlyTheFirstSmallWindow() throws IOException {
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        long seekOffset = 0;
        for (long lsn = 0; lsn < 2_000; lsn++) {
            if (lsn == 1_000) {
                seekOffset = segment.size();
            }
            segment.write(record(lsn));
        }
        Path file = Files.write(dir.resolve("segment.wal"), segment.toByteArray());
        CountingCodec codec = new CountingCodec();
        try (LineSegmentReader reader = new LineSegmentReader(FileChannel.open(file), Long.MAX_VALUE, codec,
                WalConfig.DEFAULT_MAX_RECORD_SIZE)) {
            assertThat(reader.seek(seekOffset, 1_000)).isTrue();
            assertThat(reader.next()).isTrue();
            assertThat(reader.lsn()).isEqualTo(1_000);
        }
        ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS);
        assertThat(codec.decodes.get()).isLessThanOrEqualTo(LineSegmentReader.FIRST_WINDOW_LINES);
    }
}
