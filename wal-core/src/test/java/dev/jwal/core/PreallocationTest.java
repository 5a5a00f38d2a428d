package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * Preallocated segments, of either format, are extended to the segment size when
 * they start, and cut back to their records when they are full or the log closes; a
 * log that was not closed is read up to its last record, the reserved zeros being
 * no damage.
 */
class PreallocationTest {
    private static final long SEGMENT_SIZE = 64 * 1024;

    @TempDir
    Path dir;

    private static WalConfig.Builder preallocated(Path directory, SegmentFormat format) {
        return config(directory).format(format).codec("json").segmentSize(SEGMENT_SIZE).preallocate(true);
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
    private List<WalEntry> appendAndCrash(Path crashed, SegmentFormat format, int count) throws IOException {
        try (WriteAheadLog log = Wal.open(preallocated(dir.resolve("live"), format).build())) {
            List<WalEntry> written = new ArrayList<>(append(log, "a", count));
            copyOfOpenLog(dir.resolve("live"), crashed);
            return written;
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void theActiveSegmentIsExtendedToTheSegmentSize(SegmentFormat format) throws Exception {
        try (WriteAheadLog log = Wal.open(preallocated(dir, format).build())) {
            append(log, "a", 3);
            assertThat(Files.size(TestLogs.lastSegment(dir))).isEqualTo(SEGMENT_SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void closingCutsTheSegmentBackToItsRecords(SegmentFormat format) throws Exception {
        Path plain = dir.resolve("plain");
        Path preallocated = dir.resolve("preallocated");
        try (WriteAheadLog a = Wal.open(preallocated(plain, format).preallocate(false).build());
             WriteAheadLog b = Wal.open(preallocated(preallocated, format).build())) {
            append(a, "a", 5);
            append(b, "a", 5);
        }
        assertThat(Files.size(TestLogs.lastSegment(preallocated))).isEqualTo(Files.size(TestLogs.lastSegment(plain)));
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aFullSegmentIsCutBackToItsRecordsBeforeTheNextStarts(SegmentFormat format) throws Exception {
        Path plain = dir.resolve("plain");
        Path preallocated = dir.resolve("preallocated");
        try (WriteAheadLog a = Wal.open(preallocated(plain, format).preallocate(false).segmentSize(2048).build());
             WriteAheadLog b = Wal.open(preallocated(preallocated, format).segmentSize(2048).build())) {
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

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void statsCountTheWrittenBytesNotTheReservedRoom(SegmentFormat format) {
        try (WriteAheadLog log = Wal.open(preallocated(dir, format).build())) {
            append(log, "a", 2);
            assertThat(log.stats().totalBytes()).isPositive().isLessThan(SEGMENT_SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void theSummaryOfALogThatWasNotClosedCountsItsRecordsNotItsReservedRoom(SegmentFormat format) throws Exception {
        Path crashed = dir.resolve("crashed");
        appendAndCrash(crashed, format, 4);
        long closedSize = Files.size(TestLogs.lastSegment(dir.resolve("live")));
        LogSummary summary = LogInspector.open(crashed, RecoveryMode.STRICT, problem -> { }).summary();
        assertThat(summary.totalBytes()).isEqualTo(closedSize);
        assertThat(summary.nextLsn()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aLogThatWasNotClosedOpensInStrictModeWithoutAProblem(SegmentFormat format) throws Exception {
        Path crashed = dir.resolve("crashed");
        List<WalEntry> written = appendAndCrash(crashed, format, 4);
        List<LogProblem> problems = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(preallocated(crashed, format).recoveryMode(RecoveryMode.STRICT)
                .problemListener(problems::add).build())) {
            assertThat(log.nextLsn()).isEqualTo(4);
            assertThat(entries(log.read(0))).containsExactlyElementsOf(written);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void appendsAfterACrashGoRightAfterTheLastRecord(SegmentFormat format) throws Exception {
        Path crashed = dir.resolve("crashed");
        List<WalEntry> written = appendAndCrash(crashed, format, 4);
        try (WriteAheadLog log = Wal.open(preallocated(crashed, format).build())) {
            written.addAll(append(log, "b", 3));
            assertThat(Files.size(TestLogs.lastSegment(crashed))).as("reserved again").isEqualTo(SEGMENT_SIZE);
        }
        LogInspector inspector = LogInspector.open(crashed, RecoveryMode.STRICT, problem -> { });
        assertThat(entries(inspector.recover())).containsExactlyElementsOf(written);
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aTornRecordInsideTheReservedRoomIsCutAsATornTail(SegmentFormat format) throws Exception {
        Path crashed = dir.resolve("crashed");
        long lastRecordStart;
        try (WriteAheadLog log = Wal.open(preallocated(dir.resolve("live"), format).build())) {
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
        try (WriteAheadLog log = Wal.open(preallocated(crashed, format).problemListener(problems::add).build())) {
            assertThat(log.nextLsn()).isEqualTo(3);
        }
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(LogProblem.Kind.TORN_TAIL);
            assertThat(problem.offset()).isEqualTo(lastRecordStart);
        });
    }
}
