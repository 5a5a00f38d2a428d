package dev.jwal.core;

import dev.jwal.api.LogProblem;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalException;
import dev.jwal.core.framed.FramedFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;


import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class FramedFormatTest {
    private static final int BIT_FLIPS = Integer.getInteger("jwal.bitflips", 2000);

    @TempDir
    Path dir;

    private List<WalEntry> writeFramed(Path directory, int count) {
        List<WalEntry> written = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config(directory).format(SegmentFormat.FRAMED).build())) {
            for (int i = 0; i < count; i++) {
                WalEntry entry = upsert("id-" + i, i, i * 0.5f);
                log.append(entry);
                written.add(entry);
            }
        }
        return written;
    }

    @Test
    void framedSegmentStartsWithTheMagicAndReadsBack() throws Exception {
        List<WalEntry> written = writeFramed(dir, 5);
        byte[] bytes = Files.readAllBytes(TestLogs.lastSegment(dir));
        assertThat(FramedFormat.startsFramed(bytes[0])).isTrue();
        assertThat(new String(bytes, 1, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JWAL");
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            assertThat(entries(log.recover())).isEqualTo(written);
            assertThat(log.nextLsn()).isEqualTo(5);
        }
    }

    @Test
    void switchingFormatStartsANewSegmentAndTheLogReadsAsOne() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("lines-0", 1f));
            log.append(upsert("lines-1", 1f));
        }
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            assertThat(log.append(upsert("framed-2", 1f))).isEqualTo(2);
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.append(upsert("lines-3", 1f))).isEqualTo(3);
        }
        assertThat(TestLogs.segments(dir)).hasSize(3);
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, p -> { });
        assertThat(entries(inspector.recover())).containsExactly(upsert("lines-0", 1f), upsert("lines-1", 1f),
                upsert("framed-2", 1f), upsert("lines-3", 1f));
    }

    @Test
    void everyTruncationInsideTheLastRecordRecoversToThePreviousRecord() throws Exception {
        writeFramed(dir, 3);
        Path segment = TestLogs.lastSegment(dir);
        byte[] original = Files.readAllBytes(segment);
        long lastRecordStart = offsetOfRecord(dir, 2);
        for (long cut = lastRecordStart; cut < original.length; cut++) {
            Files.write(segment, java.util.Arrays.copyOf(original, (int) cut));
            List<LogProblem> problems = new ArrayList<>();
            LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add);
            assertThat(lsns(inspector.read(0))).as("cut at %d", cut).containsExactly(0L, 1L);
            // A prefix of zero bytes (the high bytes of the length) cannot be told from never-written room.
            boolean anyRecordByteSurvives = !allZero(original, (int) lastRecordStart, (int) cut);
            assertThat(problems).as("cut at %d", cut).extracting(LogProblem::kind)
                    .containsExactlyElementsOf(anyRecordByteSurvives ? List.of(LogProblem.Kind.TORN_TAIL) : List.of());
            try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
                assertThat(log.nextLsn()).isEqualTo(2);
            }
            assertThat(Files.size(segment)).isEqualTo(lastRecordStart);
        }
    }

    @Test
    void zeroFilledSpaceAfterTheLastRecordIsUnusedRoomNotDamage() throws Exception {
        writeFramed(dir, 3);
        Path segment = TestLogs.lastSegment(dir);
        long size = Files.size(segment);
        Files.write(segment, new byte[8192], StandardOpenOption.APPEND);
        List<LogProblem> problems = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).recoveryMode(RecoveryMode.STRICT)
                .problemListener(problems::add).build())) {
            assertThat(log.nextLsn()).isEqualTo(3);
        }
        assertThat(problems).isEmpty();
        assertThat(Files.size(segment)).isEqualTo(size);
    }

    @Test
    void badChecksumWithValidRecordsAfterItIsCorruptionNotATornTail() throws Exception {
        writeFramed(dir, 5);
        Path segment = TestLogs.lastSegment(dir);
        long offset = offsetOfRecord(dir, 2);
        flipBit(segment, (offset + 20) * 8);
        assertThatThrownBy(() -> Wal.open(config(dir).format(SegmentFormat.FRAMED).build()))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("checksum mismatch");
        List<LogProblem> problems = new ArrayList<>();
        LogInspector skipping = LogInspector.open(dir, RecoveryMode.SKIP_CORRUPT, problems::add);
        assertThat(lsns(skipping.read(0))).containsExactly(0L, 1L, 3L, 4L);
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(LogProblem.Kind.SKIPPED_RECORD);
            assertThat(problem.offset()).isEqualTo(offset);
            assertThat(problem.lsn()).isEqualTo(2);
        });
    }

    @Test
    void corruptedLengthMidSegmentIsCorruptionEvenWhenItPointsPastTheEnd() throws Exception {
        writeFramed(dir, 5);
        Path segment = TestLogs.lastSegment(dir);
        flipBit(segment, offsetOfRecord(dir, 1) * 8 + 1);
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        assertThatThrownBy(() -> lsns(inspector.read(0))).isInstanceOf(CorruptLogException.class)
                .satisfies(e -> assertThat(((CorruptLogException) e).kind())
                        .isEqualTo(CorruptLogException.Kind.CORRUPT_RECORD));
    }

    @Test
    void randomBitFlipsAreAlwaysDetectedAndNeverYieldAWrongEntry() throws Exception {
        Path original = dir.resolve("original");
        List<WalEntry> written = writeFramed(original, 20);
        Path segmentFile = TestLogs.lastSegment(original);
        byte[] pristine = Files.readAllBytes(segmentFile);
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Path target = copy.resolve(segmentFile.getFileName());
        Random random = new Random(42);
        for (int round = 0; round < BIT_FLIPS; round++) {
            byte[] damaged = pristine.clone();
            long bit = (long) (random.nextDouble() * damaged.length * 8);
            damaged[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
            Files.write(target, damaged);
            List<LogProblem> problems = new ArrayList<>();
            boolean detected;
            Map<Long, WalEntry> read = new HashMap<>();
            try (var cursor = LogInspector.open(copy, RecoveryMode.SKIP_CORRUPT, problems::add).read(0)) {
                cursor.forEachRemaining(record -> read.put(record.lsn(), record.entry()));
                detected = !problems.isEmpty();
            } catch (WalException e) {
                detected = true;
            }
            if (!detected) {
                fail("bit flip %d went unnoticed", bit);
            }
            for (Map.Entry<Long, WalEntry> entry : read.entrySet()) {
                assertThat(entry.getValue()).as("flip of bit %d, LSN %d", bit, entry.getKey())
                        .isEqualTo(written.get((int) (long) entry.getKey()));
            }
        }
    }

    @Test
    void segmentOfACodecThatIsNotAvailableIsAClearError() throws Exception {
        Files.write(dir.resolve("00000000000000000000.wal"), FramedFormat.header("nosuchcodec", 1, 0));
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, p -> { });
        assertThatThrownBy(() -> lsns(inspector.read(0))).isInstanceOf(CodecNotFoundException.class)
                .hasMessageContaining("nosuchcodec");
    }

    @Test
    void segmentOfANewerCodecVersionIsAClearError() throws Exception {
        Files.write(dir.resolve("00000000000000000000.wal"), FramedFormat.header("json", 99, 0));
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, p -> { });
        assertThatThrownBy(() -> lsns(inspector.read(0))).isInstanceOf(WalException.class)
                .hasMessageContaining("version 99").hasMessageContaining("upgrade");
    }

    @Test
    void randomBytesAsASegmentGiveOnlyTheTypedCorruptionError() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] garbage = new byte[random.nextInt(4096)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                System.arraycopy(FramedFormat.header("json", 1, 0), 0, garbage, 0, Math.min(garbage.length, 31));
            }
            Path round_dir = dir.resolve("r" + round);
            Files.createDirectories(round_dir);
            Files.write(round_dir.resolve("00000000000000000000.wal"), garbage);
            for (RecoveryMode mode : RecoveryMode.values()) {
                try {
                    lsns(LogInspector.open(round_dir, mode, p -> { }).read(0));
                } catch (CorruptLogException expected) {
                    // The one acceptable failure.
                }
            }
        }
    }

    private static long offsetOfRecord(Path directory, int index) throws Exception {
        Path segment = TestLogs.lastSegment(directory);
        try (FileChannel channel = FileChannel.open(segment)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) channel.size());
            channel.read(buffer, 0);
            int nameLength = buffer.get(10) & 0xff;
            long offset = 27 + nameLength;
            for (int i = 0; i < index; i++) {
                offset += 16 + buffer.getInt((int) offset);
            }
            return offset;
        }
    }

    private static void flipBit(Path file, long bit) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
        Files.write(file, bytes);
    }


    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
