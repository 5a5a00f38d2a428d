package dev.jwal.core.read;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Segment bytes copied into a reader's arrays, by positional reads and, for long scans, through a mapping. */
class SegmentBytesTest {
    private Path file;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.createTempFile("segment-bytes", ".wal");
    }

    @AfterEach
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        return content;
    }

    /** Reads [from, end) in chunks of at most {@code chunk} bytes, as the readers do, and returns what came back. */
    private static byte[] scan(SegmentBytes bytes, long from, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        long position = from;
        int read;
        while ((read = bytes.read(buffer, 0, chunk, position)) > 0) {
            out.write(buffer, 0, read);
            position += read;
        }
        return out.toByteArray();
    }

    private boolean mapped() throws IOException {
        String maps = Files.readString(Path.of("/proc/self/maps"));
        return maps.contains(file.toRealPath().toString());
    }

    @Property(tries = 12)
    void aScanReturnsTheFileExactlyAcrossTheSwitchToAMapping(@ForAll @IntRange(min = 2, max = 4) int mebibytes,
                                                              @ForAll @IntRange(min = 1, max = 300_000) int chunk,
                                                              @ForAll @IntRange(max = 100_000) int from,
                                                              @ForAll long seed) throws IOException {
        Path scanned = Files.createTempFile("segment-bytes-scan", ".wal");
        try {
            byte[] content = randomBytes(mebibytes * SegmentBytes.MAP_AFTER + 12_345, seed);
            Files.write(scanned, content);
            try (FileChannel channel = FileChannel.open(scanned)) {
                byte[] read = scan(new SegmentBytes(channel, content.length), from, chunk);
                assertThat(read).isEqualTo(Arrays.copyOfRange(content, from, content.length));
            }
        } finally {
            Files.delete(scanned);
        }
    }

    @Property(tries = 6)
    void aSegmentLongerThanOneMappingIsMappedARegionAtATime(@ForAll @IntRange(min = 1, max = 300_000) int chunk,
                                                            @ForAll long seed) throws IOException {
        byte[] content = randomBytes(7 * SegmentBytes.MAP_AFTER + 999, seed);
        Path scanned = Files.createTempFile("segment-bytes-regions", ".wal");
        try {
            Files.write(scanned, content);
            try (FileChannel channel = FileChannel.open(scanned)) {
                SegmentBytes bytes = new SegmentBytes(channel, content.length, 2L * SegmentBytes.MAP_AFTER);
                assertThat(scan(bytes, 0, chunk)).isEqualTo(content);
            }
        } finally {
            Files.delete(scanned);
        }
    }

    @Test
    void nothingAtOrPastTheEndIsRead() throws IOException {
        byte[] content = randomBytes(3 * SegmentBytes.MAP_AFTER, 1);
        Files.write(file, content);
        long end = 2L * SegmentBytes.MAP_AFTER + 100;
        try (FileChannel channel = FileChannel.open(file)) {
            SegmentBytes bytes = new SegmentBytes(channel, end);
            assertThat(scan(bytes, 0, 64 * 1024)).isEqualTo(Arrays.copyOf(content, (int) end));
            assertThat(bytes.read(new byte[10], 0, 10, end)).isEqualTo(-1);
        }
    }

    /** Whether reading a 4 MiB file as {@code reads} does leaves it mapped in this process. */
    private boolean mappedAfter(ReadsOf reads) throws IOException {
        assumeTrue(Files.exists(Path.of("/proc/self/maps")), "mappings are listed in /proc/self/maps");
        Files.write(file, randomBytes(4 * SegmentBytes.MAP_AFTER, 2));
        try (FileChannel channel = FileChannel.open(file)) {
            reads.run(new SegmentBytes(channel, channel.size()));
            return mapped();
        }
    }

    private interface ReadsOf {
        void run(SegmentBytes bytes) throws IOException;
    }

    @Test
    void aLongScanMapsTheSegment() throws IOException {
        assertThat(mappedAfter(bytes -> scan(bytes, 0, 256 * 1024))).isTrue();
    }

    @Test
    void aShortReadNeverMaps() throws IOException {
        assertThat(mappedAfter(bytes -> {
            byte[] buffer = new byte[SegmentBytes.MAP_AFTER - 1];
            for (long at = 0; at < 3L * SegmentBytes.MAP_AFTER; at += 3L * SegmentBytes.MAP_AFTER / 4) {
                bytes.read(buffer, 0, 100, at);
            }
            bytes.read(buffer, 0, buffer.length, 0);
        })).isFalse();
    }

    @Test
    void nothingIsMappedPastWhereTheReaderSaysTheRecordsEnd() throws IOException {
        assumeTrue(Files.exists(Path.of("/proc/self/maps")), "mappings are listed in /proc/self/maps");
        long recordsEnd = 4L * SegmentBytes.MAP_AFTER + 5000;
        byte[] content = Arrays.copyOf(randomBytes((int) recordsEnd, 5), 8 * SegmentBytes.MAP_AFTER); // then room
        Files.write(file, content);
        try (FileChannel channel = FileChannel.open(file)) {
            SegmentBytes bytes = new SegmentBytes(channel, channel.size());
            bytes.mapNoFurtherThan(recordsEnd);

            assertThat(scan(bytes, 0, 256 * 1024)).isEqualTo(content);

            assertThat(mapped()).isTrue();
            assertThat(mappedEnd()).isLessThanOrEqualTo((recordsEnd + ZeroPages.PAGE - 1) / ZeroPages.PAGE * ZeroPages.PAGE);
        }
    }

    /** The file offset where the furthest mapping of {@link #file} in this process ends. */
    private long mappedEnd() throws IOException {
        String path = file.toRealPath().toString();
        long furthest = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.endsWith(path)) {
                String[] fields = line.trim().split("\\s+");
                String[] range = fields[0].split("-");
                long length = Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                furthest = Math.max(furthest, Long.parseLong(fields[2], 16) + length);
            }
        }
        return furthest;
    }

    /** A cut into the mapped records (another process, or a writer cutting what a failed force left): a shorter file. */
    @Test
    void aFileCutUnderTheMappingReadsAsAShorterFileAndTheJvmSurvives() throws IOException {
        byte[] content = randomBytes(4 * SegmentBytes.MAP_AFTER, 4);
        Files.write(file, content);
        try (FileChannel channel = FileChannel.open(file)) {
            SegmentBytes bytes = new SegmentBytes(channel, channel.size());
            byte[] buffer = new byte[SegmentBytes.MAP_AFTER];
            bytes.read(buffer, 0, buffer.length, 0);
            bytes.read(buffer, 0, buffer.length, SegmentBytes.MAP_AFTER);
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writer.truncate(2L * SegmentBytes.MAP_AFTER);
            }
            assertThat(bytes.read(buffer, 0, buffer.length, 3L * SegmentBytes.MAP_AFTER)).isEqualTo(-1);
            assertThat(bytes.read(buffer, 0, 16, SegmentBytes.MAP_AFTER)).isEqualTo(16);
            assertThat(Arrays.copyOf(buffer, 16))
                    .isEqualTo(Arrays.copyOfRange(content, SegmentBytes.MAP_AFTER, SegmentBytes.MAP_AFTER + 16));
        }
    }
}
