package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.SegmentInfo;
import dev.jwal.api.SegmentListener;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RetentionPolicy;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.segments;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Segment listeners: told of each finished segment once, in order, on the maintenance thread; a segment is
 * deleted by retention only after every listener returned for it; a listener that throws keeps it. Logs here
 * put each record in a segment of its own (segment size 0), so LSN n is segment n.
 */
class SegmentListenerTest {
    @TempDir
    Path dir;

    /** Records what it is offered; throws while {@link #failing} is set. */
    private static final class Recorder implements SegmentListener {
        final List<SegmentInfo> offered = new CopyOnWriteArrayList<>();
        final List<SegmentInfo> taken = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public void segmentClosed(SegmentInfo segment) throws IOException {
            offered.add(segment);
            threads.add(Thread.currentThread().getName());
            if (failing.get()) {
                throw new IOException("the object store is down");
            }
            taken.add(segment);
        }

        List<Long> takenFirstLsns() {
            return taken.stream().map(SegmentInfo::firstLsn).toList();
        }
    }

    private WalConfig.Builder oneRecordPerSegment() {
        return config(dir).segmentSize(0);
    }

    private static void append(WriteAheadLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.append(upsert("v" + i, i));
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aListenerIsToldOfEveryFinishedSegmentOnceInOrderWithItsLsnsAndSize() throws IOException {
        Recorder recorder = new Recorder();
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().format(SegmentFormat.FRAMED).codec("kryo")
                .segmentListener(recorder).build())) {
            append(log, 20);
        }

        assertThat(recorder.takenFirstLsns()).containsExactlyElementsOf(range(0, 19));
        List<Path> files = segments(dir);
        for (int i = 0; i < 20; i++) {
            SegmentInfo info = recorder.taken.get(i);
            assertThat(info.path()).isEqualTo(files.get(i));
            assertThat(info.lastLsn()).isEqualTo(i);
            assertThat(info.size()).isEqualTo(Files.size(files.get(i)));
            assertThat(info.format()).isEqualTo(SegmentFormat.FRAMED);
            assertThat(info.codec()).isEqualTo("kryo");
        }
        assertThat(recorder.threads).allMatch(name -> name.startsWith("jwal-maintenance-"));
    }

    @Test
    void aListenerThatThrowsKeepsTheSegmentTheErrorIsReportedAndTheSegmentIsOfferedAgain() throws IOException {
        Recorder recorder = new Recorder();
        recorder.failing.set(true);
        List<LogProblem> problems = new CopyOnWriteArrayList<>();
        RetentionPolicy oneSegment = RetentionPolicy.builder().maxSegments(1).build();
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().retentionPolicy(oneSegment)
                .segmentListener(recorder).problemListener(problems::add).build())) {
            append(log, 5);
            log.checkpoint(); // LSN 5
            await().until(() -> !problems.isEmpty());
        }

        assertThat(segments(dir)).hasSize(6);
        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.kind()).isEqualTo(LogProblem.Kind.SEGMENT_LISTENER_FAILED);
            assertThat(problem.segment()).isEqualTo(segments(dir).get(0));
            assertThat(problem.detail()).contains("the object store is down");
        });
        assertThat(recorder.offered).extracting(SegmentInfo::firstLsn).containsOnly(0L);

        recorder.failing.set(false);
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().retentionPolicy(oneSegment)
                .segmentListener(recorder).build())) {
            log.checkpoint(); // LSN 6
        }

        assertThat(recorder.takenFirstLsns()).containsExactlyElementsOf(range(0, 6));
        assertThat(segments(dir)).extracting(p -> p.getFileName().toString()).containsExactly("00000000000000000006.wal");
    }

    @Test
    void retentionDeletesASegmentOnlyAfterEveryListenerReturnedForIt() throws Exception {
        Recorder quick = new Recorder();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SegmentListener slow = segment -> {
            entered.countDown();
            release.await();
        };
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().retentionPolicy(RetentionPolicy.builder()
                .maxSegments(1).build()).segmentListener(quick).segmentListener(slow).build())) {
            append(log, 5);
            log.checkpoint();
            entered.await();

            assertThat(segments(dir)).hasSize(6);
            assertThat(quick.takenFirstLsns()).isNotEmpty();

            release.countDown();
            await().until(() -> segments(dir).size() == 1);
        }
    }

    @Test
    @Timeout(60)
    void aListenerThatDoesNotReturnNeverStallsAppends() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SegmentListener stuck = segment -> {
            entered.countDown();
            release.await();
        };
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().segmentListener(stuck).build())) {
            append(log, 2);
            entered.await();

            append(log, 50); // 50 more segments rolled while the listener blocks the maintenance thread

            assertThat(log.nextLsn()).isEqualTo(52);
            release.countDown();
        }
    }

    @Test
    void segmentsFinishedBeforeARestartAreOfferedAtOpenUnlessAListenerTookThemBefore() throws IOException {
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().build())) {
            append(log, 10);
        }

        Recorder first = new Recorder();
        try (WriteAheadLog ignored = Wal.open(oneRecordPerSegment().segmentListener(first).build())) {
            await().until(() -> first.taken.size() == 10);
        }
        Recorder second = new Recorder();
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().segmentListener(second).build())) {
            append(log, 1);
        }

        assertThat(first.takenFirstLsns()).containsExactlyElementsOf(range(0, 9));
        assertThat(second.takenFirstLsns()).containsExactly(10L);
    }

    @Test
    void aSegmentSealedAtCloseAndGrownByTheNextWriterIsOfferedAgainWithItsNewRecords() throws IOException {
        Recorder recorder = new Recorder();
        try (WriteAheadLog log = Wal.open(config(dir).segmentListener(recorder).build())) {
            append(log, 3);
        }
        try (WriteAheadLog log = Wal.open(config(dir).segmentListener(recorder).build())) {
            append(log, 2);
        }

        assertThat(recorder.taken).hasSize(2);
        SegmentInfo sealed = recorder.taken.get(0);
        SegmentInfo grown = recorder.taken.get(1);
        assertThat(grown.path()).isEqualTo(sealed.path());
        assertThat(sealed.lastLsn()).isEqualTo(2);
        assertThat(grown.lastLsn()).isEqualTo(4);
        assertThat(grown.size()).isGreaterThan(sealed.size());
    }

    @Test
    void explicitTruncationDeletesWhateverTheListenersTook() throws IOException {
        Recorder recorder = new Recorder();
        recorder.failing.set(true);
        try (WriteAheadLog log = Wal.open(oneRecordPerSegment().segmentListener(recorder).build())) {
            append(log, 5);
            long checkpoint = log.checkpoint();

            assertThat(log.truncate(checkpoint + 1)).isEqualTo(5);
            assertThat(lsns(log.read(5))).containsExactly(5L);
        }
    }
}
