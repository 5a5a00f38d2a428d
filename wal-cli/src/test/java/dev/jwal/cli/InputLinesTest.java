package dev.jwal.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputLinesTest {

    /** Reads all lines with a tiny buffer from a stream that hands out a few bytes per read. */
    private static List<String> lines(String input, int bufferSize, int bytesPerRead) throws IOException {
        InputLines lines = new InputLines(trickle(input, bytesPerRead), bufferSize, 1000);
        List<String> result = new ArrayList<>();
        while (lines.next()) {
            result.add(lines.lineNumber() + ":" + new String(lines.bytes(), lines.start(), lines.length(),
                    StandardCharsets.UTF_8));
        }
        return result;
    }

    private static InputStream trickle(String input, int bytesPerRead) {
        return new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, bytesPerRead));
            }
        };
    }

    @Test
    void linesEndAtLineFeedsWithCarriageReturnsDroppedAndTheLastMayLackItsLineFeed() throws IOException {
        String input = "first\nsecond\r\n\nthird line é😀\nlast";

        for (int bufferSize : new int[] {1, 3, 7, 64}) {
            for (int bytesPerRead : new int[] {1, 2, 5, 100}) {
                assertThat(lines(input, bufferSize, bytesPerRead))
                        .as("buffer %d, %d bytes per read", bufferSize, bytesPerRead)
                        .containsExactly("1:first", "2:second", "3:", "4:third line é😀", "5:last");
            }
        }
    }

    @Test
    void emptyInputHasNoLinesAndAFinalLineFeedAddsNone() throws IOException {
        assertThat(lines("", 4, 4)).isEmpty();
        assertThat(lines("a\n", 4, 4)).containsExactly("1:a");
    }

    @Test
    void blankAndKeywordLinesAreRecognisedIgnoringSpacesAroundThem() throws IOException {
        InputLines lines = new InputLines(trickle(" \t\r\n  CHECKPOINT \nCHECKPOINTS\n", 3), 4, 100);
        byte[] word = "CHECKPOINT".getBytes(StandardCharsets.US_ASCII);

        assertThat(lines.next()).isTrue();
        assertThat(lines.isBlank()).isTrue();
        assertThat(lines.next()).isTrue();
        assertThat(lines.isBlank()).isFalse();
        assertThat(lines.is(word)).isTrue();
        assertThat(lines.next()).isTrue();
        assertThat(lines.is(word)).isFalse();
        assertThat(lines.next()).isFalse();
    }

    @Test
    void aLineOverTheLimitIsBadInputNamingItsNumber() throws IOException {
        InputLines lines = new InputLines(trickle("short\n" + "x".repeat(50) + "\n", 7), 8, 20);

        assertThat(lines.next()).isTrue();
        assertThatThrownBy(lines::next)
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("line 2 is longer than the limit of 20 bytes")
                .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(2));
    }
}
