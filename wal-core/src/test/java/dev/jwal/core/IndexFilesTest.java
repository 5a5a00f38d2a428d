package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.IndexedLogs.IndexFile;
import dev.jwal.core.IndexedLogs.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Segment index files ({@code NAME.wal.idx}, docs/FORMAT.md): written when a segment is sealed, deleted with
 * it, and never trusted over the data: whatever an index file holds, a read from an LSN returns exactly the
 * records from that LSN.
 */
class IndexFilesTest {
    private static final long RECORDS = 2000;

    @TempDir
    Path dir;

    @Test
    void rotationWritesTheIndexFileOfTheFullSegment() throws IOException {
        try (WriteAheadLog log = Wal.open(Layout.JSON_FRAMED.config(dir).build())) {
            IndexedLogs.append(log, RECORDS);
            List<Path> segments = TestLogs.segments(dir);
            assertThat(segments).hasSizeGreaterThan(2);
            assertThat(IndexedLogs.indexFiles(dir)).containsExactlyElementsOf(segments.subList(0, segments.size() - 1)
                    .stream().map(IndexedLogs::indexOf).toList());
        }
    }

    @Test
    void closingWritesTheIndexFileOfTheLastSegment() throws IOException {
        IndexedLogs.write(dir, Layout.JSON_FRAMED, RECORDS);
        assertThat(IndexedLogs.indexFiles(dir))
                .containsExactlyElementsOf(TestLogs.segments(dir).stream().map(IndexedLogs::indexOf).toList());
    }

    @Test
    void anIndexFileHoldsOneRecordBoundaryForEveryFourKibibytes() throws IOException {
        IndexedLogs.write(dir, Layout.JSON_FRAMED, RECORDS);
        Path segment = TestLogs.segments(dir).get(0);
        IndexFile index = IndexFile.read(IndexedLogs.indexOf(segment));
        byte[] bytes = Files.readAllBytes(segment);
        assertThat(index.covered()).isEqualTo(bytes.length);
        assertThat(index.lsns().length).isBetween((int) (bytes.length / 4096) - 2, (int) (bytes.length / 4096));
        for (int i = 0; i < index.lsns().length; i++) {
            int offset = (int) index.offsets()[i];
            assertThat(java.nio.ByteBuffer.wrap(bytes, offset + 8, 8).getLong()).as("LSN of the record at entry %d", i)
                    .isEqualTo(index.lsns()[i]);
            assertThat(index.offsets()[i] - (i == 0 ? 0 : index.offsets()[i - 1])).isGreaterThanOrEqualTo(4096);
        }
    }

    @Test
    void aSegmentSmallerThanTheIntervalGetsNoIndexFile() throws IOException {
        try (WriteAheadLog log = Wal.open(Layout.JSON_FRAMED.config(dir).segmentSize(2048).build())) {
            IndexedLogs.append(log, 100);
        }
        assertThat(TestLogs.segments(dir)).hasSizeGreaterThan(2);
        assertThat(IndexedLogs.indexFiles(dir)).isEmpty();
    }

    @Test
    void truncationDeletesTheIndexFilesOfTheSegmentsItDeletes() throws IOException {
        try (WriteAheadLog log = Wal.open(Layout.JSON_FRAMED.config(dir).build())) {
            IndexedLogs.append(log, RECORDS);
            long checkpoint = log.checkpoint();
            List<Path> before = TestLogs.segments(dir);
            assertThat(log.truncate(checkpoint)).isEqualTo(before.size() - 1);
            assertThat(TestLogs.segments(dir)).containsExactly(before.get(before.size() - 1));
            assertThat(IndexedLogs.indexFiles(dir)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aReadFromAnLsnSeeksOverTheBytesBeforeItsIndexEntry(Layout layout) throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir, layout, RECORDS);
        Path segment = TestLogs.segments(dir).get(0);
        IndexFile index = IndexFile.read(IndexedLogs.indexOf(segment));
        long lastEntry = index.lsns()[index.lsns().length - 1];
        // Damage well before the last entry: a scan of the segment meets it, a seek does not.
        TestLogs.corrupt(segment, index.offsets()[0] + 20, "\u0001\u0002\u0003");
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, p -> { });

        assertThat(TestLogs.drain(inspector.read(lastEntry))).isEqualTo(IndexedLogs.from(records, lastEntry));
        assertThatThrownBy(() -> TestLogs.drain(inspector.withoutIndexes().read(lastEntry)))
                .isInstanceOf(CorruptLogException.class);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aLogWithoutIndexFilesReadsTheSameFromEveryLsn(Layout layout) throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir, layout, RECORDS);
        for (Path index : IndexedLogs.indexFiles(dir)) {
            Files.delete(index);
        }
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, p -> { });
        for (long lsn = 0; lsn < RECORDS; lsn += 97) {
            assertThat(TestLogs.drain(inspector.read(lsn))).as("from %d", lsn).isEqualTo(IndexedLogs.from(records, lsn));
        }
    }

    @Test
    void reopeningALogAppendsToTheIndexOfItsLastSegment() throws IOException {
        List<LogRecord> records = new ArrayList<>(IndexedLogs.write(dir, Layout.JSON_FRAMED, 200));
        Path segment = TestLogs.segments(dir).get(0);
        int entriesBefore = IndexFile.read(IndexedLogs.indexOf(segment)).lsns().length;
        try (WriteAheadLog log = Wal.open(Layout.JSON_FRAMED.config(dir).build())) {
            records.addAll(IndexedLogs.append(log, 100));
        }
        assertThat(TestLogs.segments(dir)).containsExactly(segment);
        IndexFile after = IndexFile.read(IndexedLogs.indexOf(segment));
        assertThat(after.lsns().length).isGreaterThan(entriesBefore);
        assertThat(after.covered()).isEqualTo(Files.size(segment));
        assertReadsFromEveryHundredthLsn(records);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedIndexFileIsIgnored(Damage damage) throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir, Layout.JSON_FRAMED, RECORDS);
        for (Path index : IndexedLogs.indexFiles(dir)) {
            damage.apply(index);
        }
        assertReadsFromEveryHundredthLsn(records);
    }

    @ParameterizedTest
    @EnumSource(value = Damage.class, names = {"OFFSETS_OFF_BOUNDARIES", "WRONG_LSNS"})
    void aLinesIndexWhoseEntriesMissTheirLinesIsIgnored(Damage damage) throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir, Layout.JSON_LINES, RECORDS);
        for (Path index : IndexedLogs.indexFiles(dir)) {
            damage.apply(index);
        }
        assertReadsFromEveryHundredthLsn(records);
    }

    /** What can happen to an index file. */
    enum Damage {
        BIT_FLIP {
            @Override
            void apply(Path index) throws IOException {
                try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
                    file.seek(50);
                    int b = file.read();
                    file.seek(50);
                    file.write(b ^ 0x10);
                }
            }
        },
        CUT_SHORT {
            @Override
            void apply(Path index) throws IOException {
                try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
                    file.setLength(file.length() / 2);
                }
            }
        },
        EMPTY {
            @Override
            void apply(Path index) throws IOException {
                Files.write(index, new byte[0]);
            }
        },
        /** Valid checksums, every entry a few bytes off a record boundary. */
        OFFSETS_OFF_BOUNDARIES {
            @Override
            void apply(Path index) throws IOException {
                Files.write(index, IndexFile.read(index).shifted(3).bytes());
            }
        },
        /** Valid checksums, every entry on a record boundary but naming the next LSN. */
        WRONG_LSNS {
            @Override
            void apply(Path index) throws IOException {
                Files.write(index, IndexFile.read(index).renumbered(1).bytes());
            }
        },
        /** Valid checksums, covering more bytes than the segment holds: the segment was cut since. */
        STALE {
            @Override
            void apply(Path index) throws IOException {
                IndexFile read = IndexFile.read(index);
                Files.write(index, new IndexFile(read.interval(), read.firstLsn(), read.covered() + 1, read.lsns(),
                        read.offsets()).bytes());
            }
        },
        /** Valid checksums, the index of another segment. */
        ANOTHER_SEGMENTS {
            @Override
            void apply(Path index) throws IOException {
                IndexFile read = IndexFile.read(index);
                Files.write(index, new IndexFile(read.interval(), read.firstLsn() + 7, read.covered(), read.lsns(),
                        read.offsets()).bytes());
            }
        },
        /** A sparse file of a gigabyte: never read. */
        HUGE {
            @Override
            void apply(Path index) throws IOException {
                try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
                    file.setLength(1L << 30);
                }
            }
        };

        abstract void apply(Path index) throws IOException;
    }

    @Test
    void anIndexFileThatIsALinkIsNeverFollowedNorChanged(@TempDir Path outside) throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir, Layout.JSON_FRAMED, RECORDS);
        java.util.Map<Path, byte[]> targets = new java.util.HashMap<>();
        for (Path index : IndexedLogs.indexFiles(dir)) {
            Path target = outside.resolve(index.getFileName());
            Files.write(target, IndexFile.read(index).shifted(5).bytes());
            targets.put(target, Files.readAllBytes(target));
            Files.delete(index);
            Files.createSymbolicLink(index, target);
        }
        assertReadsFromEveryHundredthLsn(records);
        try (WriteAheadLog log = Wal.open(Layout.JSON_FRAMED.config(dir).build())) {
            IndexedLogs.append(log, 10);
            log.truncate(log.checkpoint());
        }
        for (var target : targets.entrySet()) {
            assertThat(target.getKey()).hasBinaryContent(target.getValue());
        }
    }

    @Test
    void aLeftoverTemporaryIndexFileIsReplacedWhenTheSegmentIsSealed() throws IOException {
        Files.write(dir.resolve("00000000000000000000.wal.idx.tmp"), new byte[]{1, 2, 3});
        List<LogRecord> records = IndexedLogs.write(dir, Layout.JSON_FRAMED, RECORDS);
        assertThat(dir.resolve("00000000000000000000.wal.idx.tmp")).doesNotExist();
        assertThat(IndexFile.read(dir.resolve("00000000000000000000.wal.idx")).lsns()).isNotEmpty();
        assertReadsFromEveryHundredthLsn(records);
    }

    @Test
    void repairCutsATornTailBesideIndexFiles() throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir, Layout.JSON_FRAMED, RECORDS);
        Path last = TestLogs.lastSegment(dir);
        TestLogs.appendBytes(last, "\u0000\u0000\u0001");
        List<Path> indexes = IndexedLogs.indexFiles(dir);

        assertThat(LogRepair.repair(dir).repaired()).isTrue();
        assertThat(IndexedLogs.indexFiles(dir)).isEqualTo(indexes);
        assertReadsFromEveryHundredthLsn(records);
    }

    @Test
    void convertReadsALogWithIndexFilesAndIndexesItsOwnSegments() throws IOException {
        List<LogRecord> records = IndexedLogs.write(dir.resolve("source"), Layout.JSON_FRAMED, RECORDS);
        Path target = dir.resolve("target");
        LogConverter.convert(dir.resolve("source"), WalConfig.builder(target).codec("json")
                .format(SegmentFormat.LINES).segmentSize(IndexedLogs.SEGMENT_SIZE).build(), RecoveryMode.STRICT, n -> { });

        assertThat(IndexedLogs.indexFiles(target)).hasSameSizeAs(TestLogs.segments(target));
        LogInspector inspector = LogInspector.open(target, RecoveryMode.STRICT, p -> { });
        assertThat(TestLogs.drain(inspector.read(RECORDS - 10))).isEqualTo(IndexedLogs.from(records, RECORDS - 10));
    }

    /** Reads from every hundredth LSN with a new inspector and compares with {@code records}. */
    private void assertReadsFromEveryHundredthLsn(List<LogRecord> records) {
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, p -> { });
        for (long lsn = 0; lsn < records.size(); lsn += 100) {
            assertThat(TestLogs.drain(inspector.read(lsn))).as("from %d", lsn).isEqualTo(IndexedLogs.from(records, lsn));
        }
    }
}
