package dev.jwal.core.lines;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.WalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zeros that run to the end of a lines segment are preallocated room a writer that did not close left: the
 * records before them are read, the room is reported as unused space and is never taken for damage, and a
 * record the room cuts short is an incomplete last line.
 */
class LinesSegmentRoomTest {
    private static final EntryCodec JSON = Codecs.byName("json");
    private static final int ROOM = 3 * 1024 * 1024 + 5;

    @TempDir
    Path dir;

    private static byte[] line(long lsn) {
        return (lsn + "|" + new String(JSON.encode(new WalEntry.TxnBegin(lsn)), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long lsn = 0; lsn < count; lsn++) {
            out.writeBytes(line(lsn));
        }
        return out.toByteArray();
    }

    private LineSegmentReader open(byte[] written, int room) throws IOException {
        Path file = Files.write(dir.resolve("segment.wal"), Arrays.copyOf(written, written.length + room));
        return new LineSegmentReader(FileChannel.open(file), Long.MAX_VALUE, JSON, WalConfig.DEFAULT_MAX_RECORD_SIZE);
    }

    @Test
    void theRecordsBeforeTheRoomAreReadAndTheRoomIsUnusedSpaceNotDamage() throws IOException {
        byte[] written = lines(10);
        try (LineSegmentReader reader = open(written, ROOM)) {
            for (long lsn = 0; lsn < 10; lsn++) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.damage()).isNull();
                assertThat(reader.lsn()).isEqualTo(lsn);
            }
            assertThat(reader.next()).isFalse();
            assertThat(reader.unusedSpaceOffset()).isEqualTo(written.length);
            assertThat(reader.shape().endsMidLine()).isFalse();
        }
    }

    @Test
    void aSegmentThatDoesNotEndInZerosHasNoUnusedSpace() throws IOException {
        try (LineSegmentReader reader = open(lines(3), 0)) {
            while (reader.next()) {
                assertThat(reader.damage()).isNull();
            }
            assertThat(reader.unusedSpaceOffset()).isEqualTo(-1);
        }
    }

    @Test
    void aRecordTheRoomCutsShortIsAnIncompleteLastLine() throws IOException {
        byte[] complete = lines(5);
        byte[] torn = Arrays.copyOf(complete, complete.length - 7);
        long lastStart = complete.length - line(4).length;
        try (LineSegmentReader reader = open(torn, ROOM)) {
            for (int i = 0; i < 4; i++) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.damage()).isNull();
            }
            assertThat(reader.next()).isTrue();
            assertThat(reader.damage()).isNotNull();
            assertThat(reader.damage().incompleteRecord()).isTrue();
            assertThat(reader.damage().lastInSegment()).isTrue();
            assertThat(reader.offset()).isEqualTo(lastStart);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void aCompleteRecordWhoseNewlineTheRoomTookIsTheLastRecordAndEndsMidLine() throws IOException {
        byte[] complete = lines(5);
        byte[] withoutNewline = Arrays.copyOf(complete, complete.length - 1);
        try (LineSegmentReader reader = open(withoutNewline, ROOM)) {
            for (long lsn = 0; lsn < 5; lsn++) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.damage()).isNull();
                assertThat(reader.lsn()).isEqualTo(lsn);
            }
            assertThat(reader.next()).isFalse();
            assertThat(reader.unusedSpaceOffset()).isEqualTo(withoutNewline.length);
            assertThat(reader.shape().endsMidLine()).isTrue();
        }
    }

    @Test
    void aSegmentOfZerosAloneIsRoomFromItsFirstByte() throws IOException {
        try (LineSegmentReader reader = open(new byte[0], ROOM)) {
            assertThat(reader.next()).isFalse();
            assertThat(reader.unusedSpaceOffset()).isZero();
        }
    }
}
