package dev.jwal.core.write;

import dev.jwal.api.codec.Codecs;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.core.format.SegmentFormats;
import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.io.LogFileSystem.AppendableFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records framed into the writer's staging buffer come out byte for byte as
 * docs/FORMAT.md lays them out, however they fall across the buffer's flushes.
 */
class RecordBufferTest {
    private static final RecordFraming FRAMED = SegmentFormats.framing(SegmentFormat.FRAMED, Codecs.byName("json"));
    private static final RecordFraming LINES = SegmentFormats.framing(SegmentFormat.LINES, Codecs.byName("json"));

    /** Collects what is written, counting the writes. */
    private static final class MemoryFile implements AppendableFile {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public Path path() {
            return Path.of("memory");
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public void write(ByteBuffer[] buffers) {
            writes++;
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void force() {
        }

        @Override
        public void close() {
        }
    }

    /** A framed record as docs/FORMAT.md specifies it, built without the code under test. */
    private static byte[] framedRecord(long lsn, byte[] payload) {
        ByteBuffer checked = ByteBuffer.allocate(8 + payload.length).putLong(lsn).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(checked.array());
        return ByteBuffer.allocate(16 + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .putLong(lsn).put(payload).array();
    }

    private static byte[] linesRecord(long lsn, byte[] payload) {
        byte[] prefix = (lsn + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(prefix, prefix.length + payload.length + 1);
        System.arraycopy(payload, 0, line, prefix.length, payload.length);
        line[line.length - 1] = '\n';
        return line;
    }

    private static byte[] payload(Random random, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' + random.nextInt(26));
        }
        return payload;
    }

    private static void assertWritten(RecordFraming framing, long firstLsn, int... lengths) throws Exception {
        Random random = new Random(lengths.length);
        RecordBuffer buffer = new RecordBuffer(framing);
        MemoryFile file = new MemoryFile();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        long lsn = firstLsn;
        for (int length : lengths) {
            byte[] payload = payload(random, length);
            buffer.add(lsn, payload, file);
            expected.writeBytes(framing == FRAMED ? framedRecord(lsn, payload) : linesRecord(lsn, payload));
            lsn++;
        }
        buffer.flush(file);
        assertThat(file.bytes.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void smallRecordsGoOutInOneWrite() throws Exception {
        RecordBuffer buffer = new RecordBuffer(FRAMED);
        MemoryFile file = new MemoryFile();
        for (long lsn = 0; lsn < 100; lsn++) {
            buffer.add(lsn, new byte[]{1, 2, 3}, file);
        }
        buffer.flush(file);
        assertThat(file.writes).isEqualTo(1);
        assertThat(file.size()).isEqualTo(100 * (16 + 3));
    }

    @Test
    void framedRecordsAreLaidOutAsTheFormatSays() throws Exception {
        assertWritten(FRAMED, 0, 0, 1, 100, 5000);
    }

    @Test
    void linesRecordsAreLaidOutAsTheFormatSays() throws Exception {
        assertWritten(LINES, 0, 1, 100, 5000);
    }

    @Test
    void lsnsOfEveryDigitCountArePrinted() throws Exception {
        assertWritten(LINES, 9, 5, 5);
        assertWritten(LINES, 99_999, 5, 5);
        assertWritten(LINES, Long.MAX_VALUE - 1, 5, 5);
    }

    @Test
    void recordsFillingTheBufferSeveralTimesComeOutWhole() throws Exception {
        int[] lengths = new int[200];
        Arrays.fill(lengths, 30_000);
        assertWritten(FRAMED, 7, lengths);
        assertWritten(LINES, 7, lengths);
    }

    @Test
    void aRecordLargerThanTheBufferCanGrowToIsWrittenFromItsOwnArray() throws Exception {
        int huge = RecordBuffer.MAX_CAPACITY + 12_345;
        assertWritten(FRAMED, 3, 10, huge, 10);
        assertWritten(LINES, 3, 10, huge, 10);
    }

    @Test
    void aRecordThatFillsTheLargestBufferExactlyFits() throws Exception {
        assertWritten(FRAMED, 0, RecordBuffer.MAX_CAPACITY - 16, 1);
        assertWritten(LINES, 0, RecordBuffer.MAX_CAPACITY - 3, 1);
    }
}
