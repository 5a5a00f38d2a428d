package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.RecordsTruncatedException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.segment.SegmentName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LSNs never overflow, and a reader never jumps over records truncation took without being told. */
class LsnLimitsAndTruncatedReadsTest {
    @TempDir
    Path dir;

    @Test
    void appendsThatWouldOverflowTheLsnAreRefusedAndTheLogStaysUsable() throws Exception {
        long first = Long.MAX_VALUE - 2;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SegmentName.of(first)),
                first + "|{\"CreateNamespace\":{\"namespace\":\"ns\"}}\n");
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.LINES).build())) {
            assertThat(log.append(upsert("last", 1f))).isEqualTo(Long.MAX_VALUE - 1);
            assertThatThrownBy(() -> log.append(upsert("one too many", 2f))).isInstanceOf(WalException.class)
                    .hasMessageContaining("no LSN is left");
            log.sync();
            assertThat(log.nextLsn()).isEqualTo(Long.MAX_VALUE);
        }
        assertThat(Files.readAllLines(dir.resolve(SegmentName.of(first)))).hasSize(2);
    }

    @Test
    void readingFromBelowTheFirstRecordNamesWhatTruncationTook() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(1).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
            log.truncate(log.checkpoint() + 1);
            long first = log.stats().firstLsn();
            assertThat(first).isPositive();
            assertThatThrownBy(() -> TestLogs.drain(log.read(0))).isInstanceOf(RecordsTruncatedException.class)
                    .satisfies(e -> {
                        RecordsTruncatedException truncated = (RecordsTruncatedException) e;
                        assertThat(truncated.firstMissing()).isZero();
                        assertThat(truncated.lastMissing()).isEqualTo(first - 1);
                    });
            assertThat(TestLogs.lsns(log.read(first)).get(0)).isEqualTo(first);
        }
    }

    @Test
    void aCursorWhoseNextSegmentsWereTruncatedNamesTheMissingRecords() {
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(1).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
            long checkpoint = log.checkpoint();
            try (RecordCursor cursor = log.read(0)) {
                LogRecord firstRecord = cursor.next();
                assertThat(firstRecord.lsn()).isZero();
                log.truncate(checkpoint + 1);
                assertThatThrownBy(() -> {
                    while (cursor.hasNext()) {
                        cursor.next();
                    }
                }).isInstanceOf(RecordsTruncatedException.class)
                        .satisfies(e -> assertThat(((RecordsTruncatedException) e).firstMissing()).isEqualTo(1));
            }
        }
    }

    @Test
    void recoverAfterAnLsnPastTheEndIsRefusedNotOverflowed() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            assertThatThrownBy(() -> log.recoverAfter(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("past the end");
            assertThat(TestLogs.entries(log.recoverAfter(0))).isEmpty();
        }
    }

    @Test
    void anIoErrorNamesTheFileOnceAndSaysWhatWentWrong() {
        Path file = dir.resolve("00000000000000000000.wal");
        WalIOException error = new WalIOException("reading segment", file, new NoSuchFileException(file.toString()));
        assertThat(error.getMessage()).isEqualTo("reading segment failed for " + file + ": no such file");
    }
}
