package dev.jwal.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LogFileSystem#rewriteInPlace} on the real file system writes a file's bytes again where they are: the
 * file reads the same afterwards, a length past its end fails before anything is written, and a link is
 * refused, never followed.
 */
class RewriteInPlaceTest {
    private final LogFileSystem fs = LogFileSystem.standard();

    @TempDir
    Path dir;

    @Test
    void theFileReadsTheSameAfterItsBytesAreWrittenAgain() throws IOException {
        byte[] bytes = new byte[3 * (1 << 20) + 12_345]; // more than one chunk, not a multiple of it
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("00000000000000000000.wal"), bytes);
        fs.rewriteInPlace(file, bytes.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void onlyTheFirstBytesAreWrittenAgainAndTheRestIsKept() throws IOException {
        byte[] bytes = new byte[10_000];
        new Random(8).nextBytes(bytes);
        Path file = Files.write(dir.resolve("00000000000000000000.wal"), bytes);
        fs.rewriteInPlace(file, 4_000);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aLengthPastTheEndFailsAndChangesNothing() throws IOException {
        byte[] bytes = {1, 2, 3};
        Path file = Files.write(dir.resolve("00000000000000000000.wal"), bytes);
        assertThatThrownBy(() -> fs.rewriteInPlace(file, 4)).isInstanceOf(EOFException.class)
                .hasMessageContaining("ends at 3");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aLinkIsRefusedAndItsTargetLeftAlone() throws IOException {
        byte[] bytes = {4, 5, 6};
        Path target = Files.write(dir.resolve("elsewhere"), bytes);
        Path link = Files.createSymbolicLink(dir.resolve("00000000000000000000.wal"), target);
        assertThatThrownBy(() -> fs.rewriteInPlace(link, 3)).isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    }
}
