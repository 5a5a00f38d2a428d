package dev.jwal.core;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.segment.DurableLsnFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LogInspector#follow}: a follower that shares nothing with the writer but the directory (as one in
 * another process does) returns records up to the durable LSN the writer publishes, and never parses what lies
 * past it.
 */
class FollowingFromAnotherProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration NOT_YET = Duration.ofMillis(30);
    private static final Duration POLL = Duration.ofMillis(1);

    @TempDir
    Path dir;

    private final List<LogProblem> problems = new ArrayList<>();

    private FollowCursor follow(long fromLsn) {
        return LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add).follow(fromLsn, POLL);
    }

    @Test
    void recordsWrittenButNotForcedAreNotReturnedUntilTheWriterPublishesThem() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            log.append(upsert("first", 1f));
            log.sync();
            try (FollowCursor follower = follow(0)) {
                assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(0L);
                for (int i = 0; i < 10; i++) {
                    log.append(upsert("id-" + i, i));
                }
                assertThat(follower.poll(NOT_YET)).as("handed to the OS, not forced").isEmpty();

                log.sync();

                List<Long> lsns = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    lsns.add(follower.poll(WAIT).orElseThrow().lsn());
                }
                assertThat(lsns).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aTornTailAndPreallocatedRoomPastTheDurableLsnAreNotYetNotDamage(SegmentFormat format) throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(format).preallocate(format == SegmentFormat.FRAMED)
                .build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
        // What a writer caught mid-write leaves after its last durable record.
        Path last = TestLogs.lastSegment(dir);
        TestLogs.appendBytes(last, format == SegmentFormat.LINES ? "2|{\"Upsert\":{\"names" : "\u0007\u0000\u0000");
        try (FollowCursor follower = follow(0)) {
            assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(0L);
            assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(1L);
            assertThat(follower.poll(NOT_YET)).isEmpty();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void damageInADurableRecordIsReported() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.LINES).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
        TestLogs.corrupt(TestLogs.lastSegment(dir), 2, "#");
        try (FollowCursor follower = follow(0)) {
            assertThatThrownBy(follower::hasNext).isInstanceOf(CorruptLogException.class);
        }
    }

    @Test
    void aLogWithoutAPublishedDurableLsnIsFollowedOnceAWriterPublishesOne() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
        }
        Files.delete(DurableLsnFile.path(dir));
        try (FollowCursor follower = follow(0)) {
            assertThat(follower.poll(NOT_YET)).as("nothing says record 0 is durable").isEmpty();

            try (WriteAheadLog log = Wal.open(config(dir).build())) {
                assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(0L);
            }
        }
    }

    @Test
    void aDurableFileThatDoesNotCheckOutSaysNothingNew() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add);
        assertThat(inspector.durableLsn()).hasValue(1);
        TestLogs.corrupt(DurableLsnFile.path(dir), 32, "9");
        assertThat(inspector.durableLsn()).isEmpty();
        try (FollowCursor follower = inspector.follow(0, POLL)) {
            assertThat(follower.poll(NOT_YET)).isEmpty();
        }
    }

    @Test
    void aFollowerCrossesWriterRestartsAndRotations() throws Exception {
        try (FollowCursor follower = follow(0)) {
            List<Long> lsns = new ArrayList<>();
            for (int session = 0; session < 3; session++) {
                try (WriteAheadLog log = Wal.open(config(dir).segmentSize(300).build())) {
                    for (int i = 0; i < 10; i++) {
                        log.append(upsert("s" + session + "-" + i, i));
                    }
                }
                for (int i = 0; i < 10; i++) {
                    lsns.add(follower.poll(WAIT).orElseThrow().lsn());
                }
            }
            assertThat(lsns).hasSize(30).doesNotHaveDuplicates().isSorted();
            assertThat(lsns.get(29)).isEqualTo(29);
        }
    }
}
