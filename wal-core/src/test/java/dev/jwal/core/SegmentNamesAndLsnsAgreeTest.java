package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.segment.SegmentName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A segment is named by its first LSN: a last segment whose header or records disagree with its name (a stale
 * copy restored by hand), or two files with one number, would make the writer hand out LSNs twice. Every
 * reader refuses them, in every recovery mode.
 */
class SegmentNamesAndLsnsAgreeTest {
    @TempDir
    Path dir;

    /** Twenty segments of one record each: LSN n in segment n. */
    private List<Path> twentySegments(SegmentFormat format) throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(format).segmentSize(1).build())) {
            for (int i = 0; i < 20; i++) {
                log.append(upsert("id-" + i, i));
            }
        }
        List<Path> segments = TestLogs.segments(dir);
        assertThat(segments).hasSize(20);
        return segments;
    }

    @ParameterizedTest
    @EnumSource(RecoveryMode.class)
    void aStaleCopyRestoredAsTheLastLinesSegmentIsRefusedByTheWriterInEveryMode(RecoveryMode mode)
            throws Exception {
        List<Path> segments = twentySegments(SegmentFormat.LINES);
        Files.copy(segments.get(0), segments.get(19), StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(segments.get(19));

        assertThatThrownBy(() -> Wal.open(config(dir).recoveryMode(mode).problemListener(p -> { }).build()))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("first record is LSN 0");
        assertThat(Files.size(segments.get(19))).isEqualTo(size);
    }

    @ParameterizedTest
    @EnumSource(value = RecoveryMode.class, names = {"STRICT", "TRUNCATE_TORN_TAIL"})
    void aStaleCopyRestoredAsTheLastFramedSegmentIsRefusedByTheWriter(RecoveryMode mode) throws Exception {
        List<Path> segments = twentySegments(SegmentFormat.FRAMED);
        Files.copy(segments.get(0), segments.get(19), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Wal.open(config(dir).format(SegmentFormat.FRAMED).recoveryMode(mode).build()))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("header says LSN 0");
    }

    @Test
    void skipCorruptWritesAfterAStaleFramedSegmentWithoutReusingAnLsn() throws Exception {
        List<Path> segments = twentySegments(SegmentFormat.FRAMED);
        Files.copy(segments.get(0), segments.get(19), StandardCopyOption.REPLACE_EXISTING);
        WalConfig.Builder lenient = config(dir).format(SegmentFormat.FRAMED)
                .recoveryMode(RecoveryMode.SKIP_CORRUPT).problemListener(p -> { });
        try (WriteAheadLog log = Wal.open(lenient.build())) {
            assertThat(log.append(upsert("new", 1f))).isEqualTo(19);
        }
        try (WriteAheadLog log = Wal.open(lenient.build())) {
            assertThat(TestLogs.lsns(log.read(0))).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(0, 19).boxed().toList());
        }
    }

    @Test
    void aFramedHeaderThatDisagreesWithItsNameIsCorruption() throws Exception {
        List<Path> segments = twentySegments(SegmentFormat.FRAMED);
        Files.move(segments.get(19), dir.resolve(SegmentName.of(30)));
        assertThatThrownBy(() -> TestLogs.drain(LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { })
                .read(0))).isInstanceOf(CorruptLogException.class).hasMessageContaining("header says LSN 19");
    }

    @Test
    void twoFilesForTheSameFirstLsnAreRefusedByEveryReader() throws Exception {
        twentySegments(SegmentFormat.LINES);
        Files.copy(TestLogs.segments(dir).get(0), dir.resolve("0.wal"));
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("0.wal").hasMessageContaining(SegmentName.of(0));
        assertThatThrownBy(() -> LogInspector.open(dir, RecoveryMode.SKIP_CORRUPT, p -> { }).verify())
                .isInstanceOf(CorruptLogException.class);
    }

    @Test
    void anEmptyLastSegmentNamedPastTheEndIsRefused() throws Exception {
        twentySegments(SegmentFormat.LINES);
        Files.createFile(dir.resolve(SegmentName.of(40)));
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("records 20 to 38 are missing");
    }
}
