package dev.jwal.core.read;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Page faults of a new mapping taken ahead of the reader, seen as the mapping's resident size in /proc/self/smaps. */
class RegionPrefaultTest {
    private static final int SIZE = 4 * RegionPrefault.CHUNK;
    private Path file;
    private FileChannel channel;
    private MappedByteBuffer region;

    @BeforeEach
    void mapAFile() throws IOException {
        assumeTrue(Files.exists(Path.of("/proc/self/smaps")), "resident sizes are listed in /proc/self/smaps");
        file = Files.createTempFile("region-prefault", ".wal");
        Files.write(file, new byte[SIZE]);
        channel = FileChannel.open(file);
        region = channel.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (channel != null) {
            channel.close();
            Files.delete(file);
        }
    }

    /** Kilobytes of the mapping of {@link #file} resident in this process. */
    private long residentKib() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String path = file.toRealPath().toString();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + path)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("Rss:")) {
                        return Long.parseLong(lines.get(j).replaceAll("[^0-9]", ""));
                    }
                }
            }
        }
        throw new AssertionError("no mapping of " + path + " in /proc/self/smaps");
    }

    @Test
    void aPrefaultMapsEveryPageOfTheRegion() throws IOException {
        assertThat(residentKib()).isZero();
        new RegionPrefault(region, 0, () -> SIZE).run();
        assertThat(residentKib()).isEqualTo(SIZE / 1024);
    }

    @Test
    void aPrefaultStopsBeforeAChunkTheFileNoLongerHolds() throws IOException {
        new RegionPrefault(region, 0, () -> RegionPrefault.CHUNK + RegionPrefault.CHUNK / 2).run();
        assertThat(residentKib()).isBetween(RegionPrefault.CHUNK / 1024L, 2L * RegionPrefault.CHUNK / 1024 - 1);
    }

    @Test
    void aStoppedPrefaultTouchesNothing() throws IOException {
        RegionPrefault prefault = new RegionPrefault(region, 0, () -> SIZE);
        prefault.stop();
        prefault.run();
        assertThat(residentKib()).isZero();
    }
}
