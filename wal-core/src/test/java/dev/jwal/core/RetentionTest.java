package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.RetentionPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.RecordsTruncatedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.segments;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retention policy, applied after checkpoints and at open on the maintenance thread: the oldest whole
 * segments go by count, bytes and age, never one holding a record after the last checkpoint. Every log here
 * puts each record in a segment of its own (segment size 0), so LSN n is segment n. Closing the log waits for
 * the maintenance thread, so the directory is checked after close.
 */
class RetentionTest {
    @TempDir
    Path dir;

    private WalConfig.Builder oneRecordPerSegment(RetentionPolicy policy) {
        return config(dir).segmentSize(0).retentionPolicy(policy);
    }

    private static void append(WriteAheadLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.append(upsert("v" + i, i));
        }
    }

    private List<Long> remainingLsns() {
        List<LogProblem> problems = new ArrayList<>();
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.STRICT, problems);
        return lsns(inspector.read(inspector.firstLsn()));
    }

    @Test
    void theDefaultPolicyDeletesNothing() throws IOException {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            append(log, 10);
            log.checkpoint();
        }

        assertThat(segments(dir)).hasSize(11);
    }

    @Test
    void maxSegmentsDeletesTheOldestSegmentsAfterACheckpoint() throws IOException {
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(RetentionPolicy.builder().maxSegments(3).build())
                .build())) {
            append(log, 10);
            log.checkpoint(); // LSN 10, in the active segment
        }

        assertThat(segments(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("00000000000000000008.wal", "00000000000000000009.wal", "00000000000000000010.wal");
        assertThat(remainingLsns()).containsExactly(8L, 9L, 10L);
        LogInspector inspector = TestLogs.inspect(dir, RecoveryMode.STRICT, new ArrayList<>());
        assertThatThrownBy(() -> lsns(inspector.read(0))).isInstanceOf(RecordsTruncatedException.class);
    }

    @Test
    void maxBytesKeepsTheNewestSegmentsThatFit() throws IOException {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            append(log, 10);
            log.checkpoint();
        }
        long lastFour = 0;
        List<Path> all = segments(dir);
        for (Path segment : all.subList(all.size() - 4, all.size())) {
            lastFour += Files.size(segment);
        }

        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(RetentionPolicy.builder().maxBytes(lastFour).build())
                .build())) {
            log.checkpoint(); // LSN 11, in a new segment: the one with LSN 10 may go too
        }

        assertThat(remainingLsns()).containsExactly(8L, 9L, 10L, 11L);
    }

    @Test
    void maxAgeDeletesTheSegmentsNotModifiedSinceThen() throws IOException {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            append(log, 10);
            log.checkpoint();
        }
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (Path segment : segments(dir).subList(0, 5)) {
            Files.setLastModifiedTime(segment, twoDaysAgo);
        }

        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(RetentionPolicy.builder().maxAge(Duration.ofDays(1))
                .build()).build())) {
            assertThat(log.lastCheckpointLsn()).hasValue(10);
        }

        assertThat(remainingLsns()).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
    }

    static Stream<RetentionPolicy> harshPolicies() {
        return Stream.of(
                RetentionPolicy.builder().maxSegments(1).build(),
                RetentionPolicy.builder().maxBytes(1).build(),
                RetentionPolicy.builder().maxAge(Duration.ofNanos(1)).build(),
                RetentionPolicy.builder().maxSegments(1).maxBytes(1).maxAge(Duration.ofNanos(1)).build());
    }

    @ParameterizedTest
    @MethodSource("harshPolicies")
    void segmentsAfterTheLastCheckpointAreNeverDeletedWhateverThePolicy(RetentionPolicy policy) throws IOException {
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(policy).build())) {
            append(log, 10);
            log.checkpoint(); // LSN 10
            append(log, 9); // LSNs 11 to 19, after the checkpoint
        }
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(365)));
        for (Path segment : segments(dir)) {
            Files.setLastModifiedTime(segment, longAgo);
        }

        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(policy).build())) {
            assertThat(log.lastCheckpointLsn()).hasValue(10);
        }

        assertThat(remainingLsns()).containsExactlyElementsOf(LongStream.rangeClosed(11, 19).boxed().toList());
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(policy).build())) {
            assertThat(lsns(log.recover())).containsExactlyElementsOf(LongStream.rangeClosed(11, 19).boxed().toList());
        }
    }

    @Test
    void withoutACheckpointNothingIsDeleted() throws IOException {
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(RetentionPolicy.builder().maxSegments(1).build())
                .build())) {
            append(log, 10);
        }

        assertThat(segments(dir)).hasSize(10);
    }

    @Test
    void retentionDeletesTheFilesDerivedFromASegmentButNeverTheKeptCopiesOfCutBytes() throws IOException {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            append(log, 3);
        }
        Path first = segments(dir).get(0);
        Path index = first.resolveSibling(first.getFileName() + ".idx");
        Path cut = first.resolveSibling(first.getFileName() + ".cut-12");
        Path broken = first.resolveSibling(first.getFileName() + ".broken.1");
        for (Path side : List.of(index, cut, broken)) {
            Files.writeString(side, "side file");
        }

        try (WriteAheadLog log = Wal.open(oneRecordPerSegment(RetentionPolicy.builder().maxSegments(1).build())
                .build())) {
            log.checkpoint();
        }

        assertThat(first).doesNotExist();
        assertThat(index).doesNotExist();
        assertThat(cut).exists();
        assertThat(broken).exists();
    }

    @Test
    void explicitTruncationDeletesDerivedFilesWithTheSegmentToo() throws IOException {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(0).build())) {
            append(log, 3);
            Path first = segments(dir).get(0);
            Path index = first.resolveSibling(first.getFileName() + ".idx");
            Files.writeString(index, "side file");
            long checkpoint = log.checkpoint();

            assertThat(log.truncate(checkpoint + 1)).isEqualTo(3);

            assertThat(index).doesNotExist();
            assertThat(lsns(log.read(3))).containsExactly(3L);
        }
    }
}
