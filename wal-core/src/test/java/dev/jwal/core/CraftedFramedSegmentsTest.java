package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.CorruptLogException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Framed segments crafted to exploit the reader: headers it must refuse, and damage that must not cost it quadratic time. */
class CraftedFramedSegmentsTest {
    private static final int MAGIC_AND_VERSION = 10;

    @TempDir
    Path dir;
    Path segment;

    @BeforeEach
    void framedLogOfThreeRecords() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).format(SegmentFormat.FRAMED).build())) {
            for (int i = 0; i < 3; i++) {
                log.append(upsert("id-" + i, i));
            }
        }
        segment = TestLogs.lastSegment(dir);
    }

    @Test
    void formatVersionZeroIsADamagedHeader() throws Exception {
        patchHeader(header -> header.putShort(8, (short) 0));
        assertThatThrownBy(() -> Wal.open(config(dir).format(SegmentFormat.FRAMED).build()))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("format version 0");
    }

    @Test
    void aCodecNameWithControlCharactersIsADamagedHeaderAndNeverPrintedRaw() throws Exception {
        patchHeader(header -> header.put(11, (byte) 0x1b));
        assertThatThrownBy(() -> Wal.open(config(dir).format(SegmentFormat.FRAMED).build()))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("not printable ASCII")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void resynchronisingPastMegabytesOfFakeHeadersTakesBoundedTime() throws Exception {
        long end = Files.size(segment);
        ByteBuffer fakes = ByteBuffer.allocate(8 << 20);
        while (fakes.hasRemaining()) {
            fakes.putInt(1 << 20).putInt(0x12345678).putLong(3);
        }
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.seek(end);
            raf.write(fakes.array());
        }
        List<LogProblem> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            LogInspector inspector = LogInspector.open(dir, RecoveryMode.SKIP_CORRUPT, problems::add);
            assertThat(TestLogs.lsns(inspector.read(0))).containsExactly(0L, 1L, 2L);
        });
        assertThat(problems).extracting(LogProblem::detail)
                .anySatisfy(detail -> assertThat(detail).contains("search budget"));
        assertThatThrownBy(() -> Wal.open(config(dir).format(SegmentFormat.FRAMED).build()))
                .isInstanceOf(CorruptLogException.class);
    }

    /** Changes the segment header with {@code patch}, then recomputes its checksum so only the change is wrong. */
    private void patchHeader(java.util.function.Consumer<ByteBuffer> patch) throws Exception {
        byte[] bytes = Files.readAllBytes(segment);
        int nameLength = bytes[MAGIC_AND_VERSION] & 0xff;
        int headerLength = MAGIC_AND_VERSION + 1 + nameLength + 4 + 8 + 4;
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, headerLength);
        patch.accept(header);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, headerLength - 4);
        header.putInt(headerLength - 4, (int) crc.getValue());
        Files.write(segment, bytes);
    }
}
