package dev.jwal.core.read;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the zeros that end a file start, found by reading back from its end. */
class TrailingZerosTest {

    private static long start(byte[] content, long from) throws IOException {
        Path file = Files.createTempFile("trailing-zeros", ".bin");
        try {
            Files.write(file, content);
            try (FileChannel channel = FileChannel.open(file)) {
                return TrailingZeros.start(channel, from, content.length);
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 200)
    void theRunStartsJustAfterTheLastByteThatIsNotZero(@ForAll @IntRange(max = 20_000) int data,
                                                       @ForAll @IntRange(max = 20_000) int zeros,
                                                       @ForAll long seed) throws IOException {
        byte[] content = new byte[data + zeros];
        Random random = new Random(seed);
        for (int i = 0; i < data; i++) {
            content[i] = (byte) (random.nextInt(255) + 1);
        }
        assertThat(start(content, 0)).isEqualTo(data);
    }

    @Test
    void aRunLongerThanOneReadIsFoundWhole() throws IOException {
        byte[] content = new byte[5 * 1024 * 1024];
        content[12_345] = 7;
        assertThat(start(content, 0)).isEqualTo(12_346);
    }

    @Test
    void zerosBeforeWhereTheSearchStartsAreNotLookedAt() throws IOException {
        assertThat(start(new byte[100], 40)).isEqualTo(40);
    }

    @Test
    void aLoneZeroInsideTheDataDoesNotEndIt() throws IOException {
        byte[] content = {1, 0, 2, 0, 0};
        assertThat(start(content, 0)).isEqualTo(3);
    }
}
