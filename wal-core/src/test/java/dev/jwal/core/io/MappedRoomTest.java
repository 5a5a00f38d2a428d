package dev.jwal.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapped room: copies land in windows of the file, zeros are written ahead of them, a zero fill that
 * fails (a full disk) fails the copy that needs those zeros, with the error, before anything is stored there,
 * and a force covers the bytes copied since the last one, not the zeros ahead of them.
 */
class MappedRoomTest {
    private static final long ROOM = 8L << 20;
    private static final int CHUNK = 100_000; // not a divisor of the window: copies cross windows

    @TempDir
    Path dir;

    @Test
    void copiesAcrossWindowsAreTheFileBytesAfterRelease() throws IOException {
        Path file = dir.resolve("room");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedRoom room = room(file, channel, Long.MAX_VALUE);
            long at = 0;
            for (int i = 0; at + CHUNK <= ROOM; i++, at += CHUNK) {
                room.copy(new ByteBuffer[] {chunk(i)}, at, CHUNK);
                if (i % 10 == 0) {
                    room.force();
                }
            }
            room.force();
            room.release();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; (long) (i + 1) * CHUNK <= ROOM; i++) {
            assertThat(Arrays.copyOfRange(bytes, i * CHUNK, (i + 1) * CHUNK)).isEqualTo(chunk(i).array());
        }
    }

    @Test
    void aZeroFillThatFailsFailsTheCopyNeedingItsZerosWithItsError() throws IOException {
        Path file = dir.resolve("room");
        long diskFullAt = 3L << 20;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedRoom room = room(file, channel, diskFullAt);
            long at = 0;
            while (at + CHUNK <= diskFullAt) {
                room.copy(new ByteBuffer[] {chunk((int) (at / CHUNK))}, at, CHUNK);
                at += CHUNK;
            }
            long past = at;
            assertThatThrownBy(() -> room.copy(new ByteBuffer[] {chunk(99)}, past, CHUNK))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left on device");
            room.release();
            assertThat(channel.size()).isLessThanOrEqualTo(diskFullAt);
        }
    }

    @Test
    void aForceOutsideTheWindowForcesTheCopiedRangeNotTheFile() throws IOException {
        Path file = dir.resolve("room");
        List<long[]> mapped = new ArrayList<>();
        AtomicInteger fileForces = new AtomicInteger();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedRoom room = MappedRoom.map(file, 0, ROOM, (from, to) -> {
                ByteBuffer zeros = ByteBuffer.allocate((int) (to - from));
                long position = from;
                while (zeros.hasRemaining()) {
                    position += channel.write(zeros, position);
                }
            }, (from, length) -> {
                mapped.add(new long[] {from, length});
                return channel.map(FileChannel.MapMode.READ_WRITE, from, length);
            }, fileForces::incrementAndGet);
            long at = 0;
            for (int i = 0; at + CHUNK <= 3 * MappedRoom.WINDOW; i++, at += CHUNK) {
                room.copy(new ByteBuffer[] {chunk(i)}, at, CHUNK);
            }
            long copiedTo = at;
            mapped.clear();
            room.force();
            assertThat(fileForces).hasValue(0);
            assertThat(mapped).singleElement().satisfies(range -> assertThat(range).containsExactly(0, copiedTo));
            room.release();
        }
    }

    /** A room of {@link #ROOM} bytes whose zero fill fails, as a full disk would, past {@code diskFullAt}. */
    private static MappedRoom room(Path file, FileChannel channel, long diskFullAt) {
        return MappedRoom.map(file, 0, ROOM, (from, to) -> {
            if (to > diskFullAt) {
                throw new IOException("No space left on device");
            }
            ByteBuffer zeros = ByteBuffer.allocate((int) (to - from));
            long position = from;
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
        }, (from, length) -> channel.map(FileChannel.MapMode.READ_WRITE, from, length), () -> channel.force(false));
    }

    private static ByteBuffer chunk(int index) {
        byte[] bytes = new byte[CHUNK];
        Arrays.fill(bytes, (byte) (index * 31 + 7));
        bytes[0] = (byte) index;
        return ByteBuffer.wrap(bytes);
    }
}
