package dev.jwal.core;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.RecordsTruncatedException;
import dev.jwal.api.error.WalClosedException;
import dev.jwal.api.error.WalInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A follower in the writer's process: every record, in order, once durable, across rotations; and how it ends. */
class FollowingTheLogTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aFollowerReadsEveryRecordInOrderAcrossManyRotationsWhileAppendsRun() throws Exception {
        int threads = 3;
        int perThread = 200;
        int total = threads * perThread;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(1024).build());
             FollowCursor follower = log.follow(0)) {
            Future<List<LogRecord>> followed = pool.submit(() -> {
                List<LogRecord> seen = new ArrayList<>();
                while (seen.size() < total) {
                    follower.poll(WAIT).ifPresent(seen::add);
                }
                return seen;
            });
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(upsert("t" + thread + "-" + i, i));
                    }
                }));
            }
            for (Future<?> appender : appenders) {
                appender.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            List<LogRecord> seen = followed.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(TestLogs.segments(dir)).hasSizeGreaterThan(20);
            assertThat(seen).extracting(LogRecord::lsn).containsExactlyElementsOf(
                    LongStream.range(0, total).boxed().toList());
            assertThat(seen).containsExactlyElementsOf(TestLogs.drain(log.read(0)));
            assertThat(follower.nextLsn()).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFollowerInAnotherReaderReadsEveryRecordWhileTheWriterCutsTheRoomOfEachSegmentItLeaves() throws Exception {
        int total = 3000;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // Framed, preallocated 1 KiB segments: each rotation cuts the room past the old segment's records,
        // maybe while the follower, which lists the segments itself, reads ahead into it.
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).preallocate(true)
                .segmentSize(1024).build());
             FollowCursor follower = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> { })
                     .follow(0, Duration.ofMillis(1))) {
            Future<List<LogRecord>> followed = pool.submit(() -> {
                List<LogRecord> seen = new ArrayList<>();
                while (seen.size() < total) {
                    follower.poll(WAIT).ifPresent(seen::add);
                }
                return seen;
            });
            for (int i = 0; i < total; i++) {
                log.append(upsert("v" + i, i, i + 1, i + 2));
            }
            List<LogRecord> seen = followed.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(TestLogs.segments(dir)).hasSizeGreaterThan(10);
            assertThat(seen).containsExactlyElementsOf(TestLogs.drain(log.read(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFollowerStartsAtItsLsnAndWaitsForRecordsNotYetAppended() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(512).build())) {
            for (int i = 0; i < 20; i++) {
                log.append(upsert("id-" + i, i));
            }
            try (FollowCursor follower = log.follow(15)) {
                List<Long> lsns = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    lsns.add(follower.next().lsn());
                }
                assertThat(lsns).containsExactly(15L, 16L, 17L, 18L, 19L);
                assertThat(follower.poll(Duration.ofMillis(20))).isEmpty();

                log.append(upsert("late", 1f));

                assertThat(follower.poll(WAIT)).map(LogRecord::lsn).contains(20L);
            }
        }
    }

    @Test
    void aFollowerStartingPastTheEndWaitsForThatLsn() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build()); FollowCursor follower = log.follow(2)) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
            assertThat(follower.poll(Duration.ofMillis(20))).isEmpty();
            log.append(upsert("c", 3f));
            assertThat(follower.poll(WAIT)).map(LogRecord::entry).contains(upsert("c", 3f));
        }
    }

    @Test
    void closingTheLogEndsItsFollowersAfterTheRecordsDurableByThen() throws Exception {
        WriteAheadLog log = Wal.open(config(dir).build());
        FollowCursor follower = log.follow(0);
        log.append(upsert("a", 1f));
        CompletableFuture<List<Long>> followed = CompletableFuture.supplyAsync(() -> {
            List<Long> lsns = new ArrayList<>();
            while (follower.hasNext()) {
                lsns.add(follower.next().lsn());
            }
            return lsns;
        });
        await().atMost(WAIT).until(() -> follower.nextLsn() == 1);

        log.close();

        assertThat(followed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactly(0L);
        assertThat(follower.poll(Duration.ZERO)).isEmpty();
        follower.close();
    }

    @Test
    void closingTheCursorFromAnotherThreadWakesABlockedHasNext() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            FollowCursor follower = log.follow(0);
            CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(follower::hasNext);

            follower.close();

            assertThat(blocked.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
            log.append(upsert("after", 1f));
            assertThat(follower.poll(Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void aCloseBetweenHasNextAndNextEndsTheCursorCleanly() {
        try (WriteAheadLog log = Wal.open(config(dir).build()); FollowCursor follower = log.follow(0)) {
            log.append(upsert("a", 1f));
            assertThat(follower.hasNext()).isTrue();

            follower.close();

            assertThatThrownBy(follower::next).isInstanceOf(java.util.NoSuchElementException.class);
            assertThat(follower.ended()).isTrue();
        }
    }

    @Test
    void anInterruptedHasNextThrowsAndKeepsTheInterruptAndTheCursor() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build()); FollowCursor follower = log.follow(0)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(follower::hasNext).isInstanceOf(WalInterruptedException.class)
                    .hasMessageContaining("LSN 0");
            assertThat(Thread.interrupted()).isTrue();

            log.append(upsert("a", 1f));

            assertThat(follower.next().lsn()).isZero();
        }
    }

    @Test
    void aStartBelowTheFirstRecordIsReportedAsTruncated() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(1).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
            log.truncate(log.checkpoint() + 1);
            long first = log.stats().firstLsn();
            try (FollowCursor follower = log.follow(0)) {
                assertThatThrownBy(follower::hasNext).isInstanceOfSatisfying(RecordsTruncatedException.class, e -> {
                    assertThat(e.firstMissing()).isZero();
                    assertThat(e.lastMissing()).isEqualTo(first - 1);
                });
                assertThat(follower.hasNext()).as("the cursor ended with the error").isFalse();
            }
        }
    }

    @Test
    void segmentsTruncatedBehindAFollowerAreReportedNeverJumpedOver() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(1).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
            long checkpoint = log.checkpoint();
            try (FollowCursor follower = log.follow(0)) {
                assertThat(follower.next().lsn()).isZero();

                log.truncate(checkpoint + 1);

                assertThatThrownBy(() -> {
                    while (follower.hasNext()) {
                        follower.next();
                    }
                }).isInstanceOfSatisfying(RecordsTruncatedException.class,
                        e -> assertThat(e.firstMissing()).isEqualTo(1));
            }
        }
    }

    @Test
    void aClosedLogRefusesNewFollowers() {
        WriteAheadLog log = Wal.open(config(dir).build());
        log.close();
        assertThatThrownBy(() -> log.follow(0)).isInstanceOf(WalClosedException.class);
        assertThatThrownBy(() -> log.follow(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markersAndCheckpointsAreFollowedToo() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build()); FollowCursor follower = log.follow(0)) {
            log.appendTransaction(7, List.of(upsert("a", 1f)));
            log.checkpoint();
            List<WalEntry> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Optional<LogRecord> record = follower.poll(WAIT);
                record.ifPresent(r -> seen.add(r.entry()));
            }
            assertThat(seen).containsExactly(new WalEntry.TxnBegin(7), upsert("a", 1f), new WalEntry.TxnCommit(7),
                    new WalEntry.Checkpoint(3));
        }
    }
}
