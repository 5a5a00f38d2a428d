package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A power loss may leave the unforced tail of the last segment with a page of zeros (written back out of order)
 * and valid records after it. That is a torn tail, not corruption: the log reopens at the record before the hole.
 */
class UnforcedTailTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aZeroPageWithValidRecordsAfterItInTheLastSegmentIsATornTail(SegmentFormat format) throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(format).syncPolicy(SyncPolicy.manual()).build())) {
            for (int i = 0; i < 200; i++) {
                log.append(upsert("id-" + i, new float[32]));
            }
        }
        Path segment = TestLogs.lastSegment(dir);
        assertThat(Files.size(segment)).isGreaterThan(4 * 4096);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(2 * 4096);
            file.write(new byte[4096]);
        }
        List<LogProblem> problems = new ArrayList<>();
        List<Long> read = lsns(LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add).read(0));
        assertThat(read).isNotEmpty().hasSizeLessThan(200);
        assertThat(read.get(read.size() - 1)).isEqualTo(read.size() - 1);
        assertThat(problems).extracting(LogProblem::kind).containsExactly(LogProblem.Kind.TORN_TAIL);
        try (WriteAheadLog log = Wal.open(config(dir).format(format).build())) {
            assertThat(log.nextLsn()).isEqualTo(read.size());
        }
    }

    /**
     * Forced data ends at a record boundary a few bytes before a page boundary; the rest of that page never
     * reached the disk, a later page did. The next record's header then reads as zeros up to the page boundary
     * and as newer bytes after it: fewer zeros than a header or a page, and still a torn tail, not corruption.
     */
    @org.junit.jupiter.api.Test
    void zerosFromARecordsStartToThePageBoundaryItsHeaderCrossesAreATornTail() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).syncPolicy(SyncPolicy.manual())
                .build())) {
            for (int i = 0; i < 400; i++) {
                log.append(upsert("id-" + i + "-".repeat(i % 13), new float[1 + i % 5]));
            }
        }
        Path segment = TestLogs.lastSegment(dir);
        byte[] bytes = Files.readAllBytes(segment);
        long crossing = -1;
        long lsn = -1;
        for (long[] record : framedRecords(bytes)) {
            long pageEnd = (record[0] / 4096 + 1) * 4096;
            if (pageEnd - record[0] >= 5 && pageEnd - record[0] < 16 && pageEnd + 2 * 4096 < bytes.length) {
                crossing = record[0];
                lsn = record[1];
                break;
            }
        }
        if (crossing < 0) {
            fail("no record header crosses a page boundary in this segment");
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(crossing);
            file.write(new byte[(int) ((crossing / 4096 + 1) * 4096 - crossing)]);
        }
        List<LogProblem> problems = new ArrayList<>();
        List<Long> read = lsns(LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add).read(0));
        assertThat(read).hasSize((int) lsn);
        assertThat(problems).extracting(LogProblem::kind).containsExactly(LogProblem.Kind.TORN_TAIL);
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            assertThat(log.nextLsn()).isEqualTo(lsn);
        }
    }

    /** Each framed record of {@code segment}: its offset and LSN, found from the first whose checksum holds. */
    private static List<long[]> framedRecords(byte[] segment) {
        for (int first = 8; first < 128; first++) {
            List<long[]> records = new ArrayList<>();
            int at = first;
            while (at + 16 <= segment.length) {
                ByteBuffer header = ByteBuffer.wrap(segment, at, 16);
                int length = header.getInt();
                long crc = header.getInt() & 0xffffffffL;
                long lsn = header.getLong();
                if (length < 0 || at + 16 + length > segment.length) {
                    break;
                }
                CRC32C check = new CRC32C();
                check.update(segment, at + 8, 8 + length);
                if (check.getValue() != crc) {
                    break;
                }
                records.add(new long[] {at, lsn});
                at += 16 + length;
            }
            if (records.size() > 10) {
                return records;
            }
        }
        throw new AssertionError("no framed records found");
    }
}
