package dev.jwal.core;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What {@code durableLsn()} is under each sync policy, and that a follower never passes it. */
class DurableLsnTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration NOT_YET = Duration.ofMillis(30);

    @TempDir
    Path dir;

    @Test
    void anEmptyLogHasNoDurableLsn() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.durableLsn()).isEqualTo(-1);
        }
    }

    @Test
    void underEveryWriteEveryReturnedAppendIsDurable() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.everyWrite()).build())) {
            for (int i = 0; i < 5; i++) {
                long lsn = log.append(upsert("id-" + i, i));
                assertThat(log.durableLsn()).isGreaterThanOrEqualTo(lsn);
            }
            assertThat(log.durableLsn()).isEqualTo(log.stats().durableLsn());
        }
    }

    @Test
    void underManualOnlySyncMakesRecordsDurableAndFollowersWaitForIt() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build());
             FollowCursor follower = log.follow(0)) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            assertThat(log.durableLsn()).isEqualTo(-1);
            assertThat(follower.poll(NOT_YET)).as("written, not forced").isEmpty();

            log.sync();

            assertThat(log.durableLsn()).isEqualTo(1);
            assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(0L);
            assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(1L);
        }
    }

    @Test
    void underPeriodicTheNthAppendMakesEverythingDurable() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.periodic(3)).build());
             FollowCursor follower = log.follow(0)) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            assertThat(log.durableLsn()).isEqualTo(-1);
            assertThat(follower.poll(NOT_YET)).isEmpty();

            log.append(upsert("c", 3f));

            assertThat(log.durableLsn()).isEqualTo(2);
            assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(0L);
        }
    }

    @Test
    void underIntervalTheTimerMakesRecordsDurable() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.interval(Duration.ofMillis(5))).build());
             FollowCursor follower = log.follow(0)) {
            long lsn = log.append(upsert("a", 1f));

            await().atMost(WAIT).until(() -> log.durableLsn() >= lsn);
            assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(lsn);
        }
    }

    @Test
    void aFullSegmentIsDurableOnceTheNextStartsWhateverThePolicy() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).segmentSize(1).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            assertThat(log.durableLsn()).as("rotation forced the first segment").isEqualTo(0);
        }
    }

    @Test
    void reopeningMakesWhatThePreviousWriterLeftDurable() {
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
        try (WriteAheadLog log = Wal.open(config(dir).syncPolicy(SyncPolicy.manual()).build())) {
            assertThat(log.durableLsn()).isEqualTo(1);
        }
    }
}
