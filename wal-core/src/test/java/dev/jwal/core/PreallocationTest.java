package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Framed segments are extended to the segment size when they start, and cut back
 * to their records when they are full or the log closes; a log that was not
 * closed is read up to its last record, the reserved zeros being no damage.
 */
class PreallocationTest {
    private static final long SEGMENT_SIZE = 64 * 1024;

    @TempDir
    Path dir;

    private WalConfig.Builder framed(Path directory) {
        return config(directory).format(SegmentFormat.FRAMED).codec("json").segmentSize(SEGMENT_SIZE);
    }

    private static List<WalEntry> append(WriteAheadLog log, String prefix, int count) {
        List<WalEntry> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WalEntry entry = upsert(prefix + i, i, i + 0.5f);
            log.append(entry);
            written.add(entry);
        }
        return written;
    }

    /** The directory as a killed writer leaves it: copied while the log is still open. */
    private static Path copyOfOpenLog(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        for (Path segment : TestLogs.segments(source)) {
            Files.copy(segment, target.resolve(segment.getFileName()));
        }
        return target;
    }

    /** Appends {@code count} entries to a log in {@code dir/live} and leaves its copy, taken while open, in {@code crashed}. */
    private List<WalEntry> appendAndCrash(Path crashed, int count) throws IOException {
        try (WriteAheadLog log = Wal.open(framed(dir.resolve("live")).build())) {
            List<WalEntry> written = new ArrayList<>(append(log, "a", count));
            copyOfOpenLog(dir.resolve("live"), crashed);
            return written;
        }
    }

    @Test
    void theActiveFramedSegmentIsExtendedToTheSegmentSize() throws Exception {
        try (WriteAheadLog log = Wal.open(framed(dir).build())) {
            append(log, "a", 3);
            assertThat(Files.size(TestLogs.lastSegment(dir))).isEqualTo(SEGMENT_SIZE);
        }
    }

    @Test
    void closingCutsTheSegmentBackToItsRecords() throws Exception {
        Path plain = dir.resolve("plain");
        Path preallocated = dir.resolve("preallocated");
        try (WriteAheadLog a = Wal.open(framed(plain).preallocate(false).build());
             WriteAheadLog b = Wal.open(framed(preallocated).build())) {
            append(a, "a", 5);
            append(b, "a", 5);
        }
        assertThat(Files.size(TestLogs.lastSegment(preallocated))).isEqualTo(Files.size(TestLogs.lastSegment(plain)));
    }

    @Test
    void aFullSegmentIsCutBackToItsRecordsBeforeTheNextStarts() throws Exception {
        Path plain = dir.resolve("plain");
        Path preallocated = dir.resolve("preallocated");
        try (WriteAheadLog a = Wal.open(framed(plain).preallocate(false).segmentSize(2048).build());
             WriteAheadLog b = Wal.open(framed(preallocated).segmentSize(2048).build())) {
            append(a, "a", 100);
            append(b, "a", 100);
            List<Path> sealed = TestLogs.segments(preallocated);
            assertThat(sealed).hasSizeGreaterThan(2);
            List<Path> plainSegments = TestLogs.segments(plain);
            for (int i = 0; i < sealed.size() - 1; i++) {
                assertThat(Files.size(sealed.get(i))).as("segment %d", i).isEqualTo(Files.size(plainSegments.get(i)));
            }
        }
    }

    @Test
    void statsCountTheWrittenBytesNotTheReservedRoom() {
        try (WriteAheadLog log = Wal.open(framed(dir).build())) {
            append(log, "a", 2);
            assertThat(log.stats().totalBytes()).isPositive().isLessThan(SEGMENT_SIZE);
        }
    }

    @Test
    void theSummaryOfALogThatWasNotClosedCountsItsRecordsNotItsReservedRoom() throws Exception {
        Path crashed = dir.resolve("crashed");
        appendAndCrash(crashed, 4);
        long closedSize = Files.size(TestLogs.lastSegment(dir.resolve("live")));
        LogSummary summary = LogInspector.open(crashed, RecoveryMode.STRICT, problem -> { }).summary();
        assertThat(summary.totalBytes()).isEqualTo(closedSize);
        assertThat(summary.nextLsn()).isEqualTo(4);
    }

    @Test
    void aLogThatWasNotClosedOpensInStrictModeWithoutAProblem() throws Exception {
        Path crashed = dir.resolve("crashed");
        List<WalEntry> written = appendAndCrash(crashed, 4);
        List<LogProblem> problems = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(framed(crashed).recoveryMode(RecoveryMode.STRICT)
                .problemListener(problems::add).build())) {
            assertThat(log.nextLsn()).isEqualTo(4);
            assertThat(entries(log.read(0))).containsExactlyElementsOf(written);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void appendsAfterACrashGoRightAfterTheLastRecord() throws Exception {
        Path crashed = dir.resolve("crashed");
        List<WalEntry> written = appendAndCrash(crashed, 4);
        try (WriteAheadLog log = Wal.open(framed(crashed).build())) {
            written.addAll(append(log, "b", 3));
            assertThat(Files.size(TestLogs.lastSegment(crashed))).as("reserved again").isEqualTo(SEGMENT_SIZE);
        }
        LogInspector inspector = LogInspector.open(crashed, RecoveryMode.STRICT, problem -> { });
        assertThat(entries(inspector.recover())).containsExactlyElementsOf(written);
    }

    @Test
    void aTornRecordInsideTheReservedRoomIsCutAsATornTail() throws Exception {
        Path crashed = dir.resolve("crashed");
        long lastRecordStart;
        try (WriteAheadLog log = Wal.open(framed(dir.resolve("live")).build())) {
            append(log, "a", 3);
            lastRecordStart = log.stats().totalBytes();
            append(log, "a", 1);
            copyOfOpenLog(dir.resolve("live"), crashed);
        }
        Path segment = TestLogs.lastSegment(crashed);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(lastRecordStart + 20);
            file.write(new byte[8]); // the payload's first bytes never reached the disk
        }
        List<LogProblem> problems = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(framed(crashed).problemListener(problems::add).build())) {
            assertThat(log.nextLsn()).isEqualTo(3);
        }
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(LogProblem.Kind.TORN_TAIL);
            assertThat(problem.offset()).isEqualTo(lastRecordStart);
        });
    }
}
