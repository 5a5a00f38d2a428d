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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

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
}
