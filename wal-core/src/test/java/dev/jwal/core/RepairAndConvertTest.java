package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalLockedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.drain;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepairAndConvertTest {
    @TempDir
    Path dir;

    private Path writeSource() {
        Path source = dir.resolve("source");
        try (WriteAheadLog log = Wal.open(config(source).segmentSize(200).build())) {
            log.append(new WalEntry.CreateNamespace("ns"));
            log.appendTransaction(5, List.of(upsert("a", 1f, -0f), upsert("b", 2f)));
            log.checkpoint();
            log.append(new WalEntry.TxnBegin(6));
            log.append(upsert("rolled-back", 3f));
            log.append(new WalEntry.TxnRollback(6));
            log.append(upsert("c", 4f));
        }
        return source;
    }

    private static LogInspector inspect(Path directory) {
        return LogInspector.open(directory, RecoveryMode.STRICT, p -> { });
    }

    @Test
    void repairCutsATornTailAndKeepsTheSegmentAsItWasBesideIt() throws Exception {
        Path source = writeSource();
        Path last = TestLogs.lastSegment(source);
        TestLogs.appendBytes(last, "9|{\"Upsert\":{\"nam");
        byte[] before = Files.readAllBytes(last);
        LogRepair.Report report = LogRepair.repair(source);
        assertThat(report.repaired()).isTrue();
        assertThat(report.segment()).isEqualTo(last);
        assertThat(report.bytesCut()).isEqualTo(17);
        assertThat(Files.readAllBytes(report.brokenCopy())).isEqualTo(before);
        assertThat(inspect(source).verify().clean()).isTrue();
    }

    @Test
    void repairOfACleanLogChangesNothing() throws Exception {
        Path source = writeSource();
        byte[] before = Files.readAllBytes(TestLogs.lastSegment(source));
        assertThat(LogRepair.repair(source).repaired()).isFalse();
        assertThat(Files.readAllBytes(TestLogs.lastSegment(source))).isEqualTo(before);
    }

    @Test
    void repairLeavesDamageBeforeTheEndAloneAndSaysSo() throws Exception {
        Path source = writeSource();
        Path last = TestLogs.lastSegment(source);
        TestLogs.corrupt(last, 3, "#");
        assertThatThrownBy(() -> LogRepair.repair(source)).isInstanceOf(CorruptLogException.class);
    }

    @Test
    void repairIsRefusedWhileAWriterHasTheLogOpen() {
        Path source = writeSource();
        try (WriteAheadLog log = Wal.open(config(source).build())) {
            assertThatThrownBy(() -> LogRepair.repair(source)).isInstanceOf(WalLockedException.class);
        }
    }

    @Test
    void convertKeepsEveryRecordItsLsnAndTheCheckpoint() {
        Path source = writeSource();
        Path target = dir.resolve("target");
        LogConverter.Report report = LogConverter.convert(source,
                WalConfig.builder(target).format(SegmentFormat.FRAMED).segmentSize(300).build(),
                RecoveryMode.STRICT, records -> { });
        List<LogRecord> original = drain(inspect(source).read(0));
        assertThat(drain(inspect(target).read(0))).isEqualTo(original);
        assertThat(report.records()).isEqualTo(original.size());
        assertThat(inspect(target).lastCheckpointLsn()).isEqualTo(inspect(source).lastCheckpointLsn());
        assertThat(entries(inspect(target).recover())).isEqualTo(entries(inspect(source).recover()));
        try (WriteAheadLog log = Wal.open(WalConfig.builder(target).format(SegmentFormat.FRAMED).build())) {
            assertThat(log.nextLsn()).isEqualTo(original.size());
        }
    }

    @Test
    void convertOfATruncatedLogStartsAtItsFirstLsn() {
        Path source = dir.resolve("source");
        try (WriteAheadLog log = Wal.open(config(source).segmentSize(50).build())) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert("id-" + i, i));
            }
            log.truncate(log.checkpoint() + 1);
        }
        long first = inspect(source).firstLsn();
        assertThat(first).isPositive();
        Path target = dir.resolve("target");
        LogConverter.Report report = LogConverter.convert(source, WalConfig.builder(target)
                .format(SegmentFormat.FRAMED).build(), RecoveryMode.STRICT, records -> { });
        assertThat(report.firstLsn()).isEqualTo(first);
        assertThat(drain(inspect(target).read(first))).isEqualTo(drain(inspect(source).read(first)));
    }

    @Test
    void convertIntoADirectoryThatHoldsALogIsRefused() {
        Path source = writeSource();
        assertThatThrownBy(() -> LogConverter.convert(source, WalConfig.builder(source).build(), RecoveryMode.STRICT,
                records -> { })).isInstanceOf(WalException.class).hasMessageContaining("already holds a log");
    }

    @Test
    void convertReportsProgressOnLongRuns() {
        Path source = dir.resolve("source");
        try (WriteAheadLog log = Wal.open(config(source).syncPolicy(dev.jwal.api.config.SyncPolicy.manual()).build())) {
            for (int i = 0; i < 25_000; i++) {
                log.append(new WalEntry.CreateNamespace("n" + i));
            }
        }
        List<Long> progress = new ArrayList<>();
        LogConverter.convert(source, WalConfig.builder(dir.resolve("target")).format(SegmentFormat.FRAMED).build(),
                RecoveryMode.STRICT, progress::add);
        assertThat(progress).containsExactly(10_000L, 20_000L);
    }
}
