package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.core.segment.SideFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whenever the log cuts more than an incomplete final record, the cut bytes go to a side file beside the
 * segment first, and no side file is ever overwritten.
 */
class CutBytesAreKeptBesideTheLogTest {
    @TempDir
    Path dir;

    @Test
    void aZeroedPageInsideTheLastSegmentIsCutOnlyAfterTheRestIsCopiedAside() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            for (int i = 0; i < 2_000; i++) {
                log.appendAsync(upsert("id-" + i, i, i + 1, i + 2));
            }
            log.sync();
        }
        Path segment = TestLogs.lastSegment(dir);
        byte[] before = Files.readAllBytes(segment);
        long page = 4 * 4096;
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.seek(page);
            raf.write(new byte[4096]);
        }
        byte[] damaged = Files.readAllBytes(segment);

        long next;
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            next = log.nextLsn();
        }
        assertThat(next).isLessThan(2_000);
        long kept = Files.size(segment);
        Path copy = segment.resolveSibling(segment.getFileName() + SideFiles.CUT_SUFFIX + kept);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Arrays.copyOfRange(damaged, (int) kept, damaged.length));
        assertThat(Arrays.copyOfRange(before, (int) (page + 4096), before.length))
                .isEqualTo(Arrays.copyOfRange(damaged, (int) (page + 4096), damaged.length));
    }

    @Test
    void aZeroedRecordHeaderWithRecordsAfterItIsAnUnforcedTailCutWithACopy() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            for (int i = 0; i < 5; i++) {
                log.append(upsert("id-" + i, i));
            }
        }
        Path segment = TestLogs.lastSegment(dir);
        byte[] bytes = Files.readAllBytes(segment);
        int third = recordOffset(bytes, 2);
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.seek(third);
            raf.write(new byte[16]);
        }
        byte[] damaged = Files.readAllBytes(segment);

        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            assertThat(log.nextLsn()).isEqualTo(2);
        }
        Path copy = segment.resolveSibling(segment.getFileName() + SideFiles.CUT_SUFFIX + third);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Arrays.copyOfRange(damaged, third, damaged.length));
    }

    /** The offset of record {@code index} of a framed segment (its header is 31 bytes for the json codec). */
    private static int recordOffset(byte[] segment, int index) {
        int at = 31;
        for (int i = 0; i < index; i++) {
            at += 16 + java.nio.ByteBuffer.wrap(segment, at, 4).getInt();
        }
        return at;
    }

    @Test
    void anIncompleteFinalRecordIsCutWithoutASideFile() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
        }
        TestLogs.appendBytes(TestLogs.lastSegment(dir), "1|{\"Upsert\":{\"names");
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(lsns(log.read(0))).containsExactly(0L);
        }
        assertThat(sideFiles()).isEmpty();
    }

    @Test
    void repairNeverOverwritesAnEarlierBrokenCopy() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
        }
        Path segment = TestLogs.lastSegment(dir);
        TestLogs.appendBytes(segment, "1|{\"first torn");
        LogRepair.Report first = LogRepair.repair(dir);
        TestLogs.appendBytes(segment, "1|{\"second torn");
        LogRepair.Report second = LogRepair.repair(dir);

        assertThat(second.brokenCopy()).isNotEqualTo(first.brokenCopy());
        assertThat(Files.readString(first.brokenCopy())).endsWith("1|{\"first torn");
        assertThat(Files.readString(second.brokenCopy())).endsWith("1|{\"second torn");
    }

    private List<Path> sideFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(SideFiles.CUT_SUFFIX)).toList();
        }
    }
}
