package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@link LogArchive} copies finished segments atomically and idempotently; {@link LogRestore} rebuilds a log up
 * to an LSN from them, byte for byte a prefix of the original.
 */
class ArchiveAndRestoreTest {
    @TempDir
    Path temp;

    private Path log() {
        return temp.resolve("log");
    }

    private Path archive() {
        return temp.resolve("archive");
    }

    private static void append(WriteAheadLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.append(upsert("v" + i, i, i + 0.5f));
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Every segment file of {@code directory}, in order, concatenated. */
    private static byte[] concatenated(Path directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Path segment : segments(directory)) {
            bytes.write(Files.readAllBytes(segment));
        }
        return bytes.toByteArray();
    }

    @Test
    void archiveCopiesEveryFinishedSegmentButTheOneALiveWriterIsWriting() throws IOException {
        try (WriteAheadLog log = Wal.open(config(log()).segmentSize(0).build())) {
            append(log, 5);

            LogArchive.Report report = LogArchive.archive(log(), archive(), bytes -> { });

            assertThat(names(report.copied())).containsExactlyElementsOf(names(segments(log())).subList(0, 4));
            assertThat(report.skipped()).isEqualTo(segments(log()).get(4));
            for (Path copy : report.copied()) {
                assertThat(copy).hasSameBinaryContentAs(log().resolve(copy.getFileName()));
            }
        }
    }

    @Test
    void archivingAgainChangesNothing() throws IOException {
        try (WriteAheadLog log = Wal.open(config(log()).segmentSize(0).build())) {
            append(log, 5);
        }
        LogArchive.archive(log(), archive(), bytes -> { });

        LogArchive.Report again = LogArchive.archive(log(), archive(), bytes -> { });

        assertThat(again.copied()).isEmpty();
        assertThat(again.replaced()).isEmpty();
        assertThat(again.unchanged()).hasSize(5);
        assertThat(again.bytesCopied()).isZero();
        assertThat(concatenated(archive())).isEqualTo(concatenated(log()));
    }

    @Test
    void archiveOfAClosedLogIncludesItsLastSegmentAndLeavesNoTemporaryFile() throws IOException {
        try (WriteAheadLog log = Wal.open(config(log()).format(SegmentFormat.FRAMED).codec("kryo").build())) {
            append(log, 5);
        }

        LogArchive.Report report = LogArchive.archive(log(), archive(), bytes -> { });

        assertThat(report.skipped()).isNull();
        assertThat(report.copied()).hasSize(1);
        try (Stream<Path> files = Files.list(archive())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(segments(log()).get(0).getFileName().toString(), LogArchive.LOCK_FILE);
        }
    }

    @Test
    void archiveNeverReplacesADifferentFileUnderASegmentsName() throws IOException {
        try (WriteAheadLog log = Wal.open(config(log()).segmentSize(0).build())) {
            append(log, 3);
        }
        Files.createDirectories(archive());
        Path foreign = archive().resolve(segments(log()).get(0).getFileName());
        Files.writeString(foreign, "0|{\"CreateNamespace\":{\"namespace\":\"another log\"}}\n");
        byte[] before = Files.readAllBytes(foreign);

        assertThatThrownBy(() -> LogArchive.archive(log(), archive(), bytes -> { }))
                .isInstanceOf(ArchiveConflictException.class)
                .hasMessageContaining(foreign.toString());
        assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
    }

    @Test
    void aShorterCopyIsReplacedOnceTheLastSegmentOfAClosedLogGrew() throws IOException {
        try (WriteAheadLog log = Wal.open(config(log()).build())) {
            append(log, 3);
        }
        LogArchive.archive(log(), archive(), bytes -> { });
        try (WriteAheadLog log = Wal.open(config(log()).build())) {
            append(log, 2);
        }

        LogArchive.Report report = LogArchive.archive(log(), archive(), bytes -> { });

        assertThat(report.replaced()).hasSize(1);
        assertThat(concatenated(archive())).isEqualTo(concatenated(log()));
    }

    @Test
    void aCopyThatFailsBeforeItsRenameLeavesNothingUnderTheSegmentsNameAndTheNextRunCompletesIt()
            throws IOException {
        try (WriteAheadLog log = Wal.open(config(log()).segmentSize(0).build())) {
            append(log, 2);
        }
        LogFileSystem renameFails = new FailingRename(LogFileSystem.standard());

        assertThatThrownBy(() -> LogArchive.archive(log(), archive(), bytes -> { }, renameFails))
                .isInstanceOf(WalIOException.class);
        assertThat(segments(archive())).isEmpty();

        LogArchive.Report retried = LogArchive.archive(log(), archive(), bytes -> { });

        assertThat(retried.copied()).hasSize(2);
        assertThat(concatenated(archive())).isEqualTo(concatenated(log()));
    }

    /** A log of many small segments with a checkpoint and a transaction; returns its last LSN. */
    private long writeVariedLog(WalConfig.Builder builder) {
        try (WriteAheadLog log = Wal.open(builder.segmentSize(300).build())) {
            append(log, 12);
            log.appendTransaction(7, List.of(new WalEntry.Delete("ns", List.of("v1")),
                    new WalEntry.CreateNamespace("other")));
            log.checkpoint();
            append(log, 12);
            return log.nextLsn() - 1;
        }
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void restoreToEveryLsnWritesAPrefixOfTheOriginalLogByteForByte(SegmentFormat format) throws IOException {
        long last = writeVariedLog(config(log()).format(format).codec(format == SegmentFormat.LINES ? "json" : "kryo"));
        LogArchive.archive(log(), archive(), bytes -> { });
        byte[] original = concatenated(log());

        for (long n = 0; n <= last; n++) {
            Path restored = temp.resolve("restored-" + n);

            LogRestore.Report report = LogRestore.restore(archive(), restored, n, bytes -> { });

            byte[] copy = concatenated(restored);
            assertThat(copy.length).as("restored to %d", n).isLessThanOrEqualTo(original.length);
            assertThat(Arrays.copyOf(original, copy.length)).as("restored to %d", n).isEqualTo(copy);
            assertThat(report.lastLsn()).isEqualTo(n);
            LogInspector inspector = LogInspector.open(restored, RecoveryMode.STRICT, problem -> { });
            assertThat(lsns(inspector.read(0))).containsExactlyElementsOf(
                    LongStream.rangeClosed(0, n).boxed().toList());
        }
    }

    @Test
    void aRestoredLogOpensAndGoesOnAfterTheLsnItWasRestoredTo() throws IOException {
        long last = writeVariedLog(config(log()));
        LogArchive.archive(log(), archive(), bytes -> { });
        long to = last - 3;

        LogRestore.restore(archive(), temp.resolve("restored"), to, bytes -> { });

        try (WriteAheadLog restored = Wal.open(config(temp.resolve("restored")).build())) {
            assertThat(restored.nextLsn()).isEqualTo(to + 1);
            List<LogRecord> original = new ArrayList<>();
            try (WriteAheadLog source = Wal.open(config(log()).build())) {
                source.recover().forEachRemaining(r -> {
                    if (r.lsn() <= to) {
                        original.add(r);
                    }
                });
            }
            assertThat(TestLogs.drain(restored.recover())).isEqualTo(original);
        }
    }

    @Test
    void restoreWithoutAnLsnRestoresTheWholeArchive() throws IOException {
        long last = writeVariedLog(config(log()));
        LogArchive.archive(log(), archive(), bytes -> { });

        LogRestore.Report report = LogRestore.restore(archive(), temp.resolve("restored"), -1, bytes -> { });

        assertThat(report.lastLsn()).isEqualTo(last);
        assertThat(concatenated(temp.resolve("restored"))).isEqualTo(concatenated(log()));
    }

    @Test
    void restoreRefusesATargetThatIsNotEmptyAndWritesNothing() throws IOException {
        writeVariedLog(config(log()));
        LogArchive.archive(log(), archive(), bytes -> { });
        Path target = temp.resolve("restored");
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> LogRestore.restore(archive(), target, 3, bytes -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void restoreRefusesAnLsnPastTheEndOfTheArchive() throws IOException {
        long last = writeVariedLog(config(log()));
        LogArchive.archive(log(), archive(), bytes -> { });

        assertThatThrownBy(() -> LogRestore.restore(archive(), temp.resolve("restored"), last + 1, bytes -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends at LSN " + last);
        assertThat(temp.resolve("restored")).doesNotExist();
    }

    @Test
    void restoreNamesTheRecordsASegmentMissingFromTheArchiveHeld() throws IOException {
        writeVariedLog(config(log()));
        LogArchive.archive(log(), archive(), bytes -> { });
        Files.delete(segments(archive()).get(1));

        assertThatThrownBy(() -> LogRestore.restore(archive(), temp.resolve("restored"), -1, bytes -> { }))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("are missing");
        assertThat(temp.resolve("restored")).doesNotExist();
    }

    /** The standard file system, but every rename fails: what a crash between the copy and its rename leaves. */
    private static final class FailingRename extends ForwardingLogFileSystem {
        FailingRename(LogFileSystem delegate) {
            super(delegate);
        }

        @Override
        public void rename(Path source, Path target) throws IOException {
            throw new IOException("simulated failure before renaming " + source);
        }
    }
}
