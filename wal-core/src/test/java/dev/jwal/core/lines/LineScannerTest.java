package dev.jwal.core.lines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineScannerTest {
    @TempDir
    Path dir;

    record Line(long offset, String text, boolean terminated, boolean tooLong) {
    }

    private List<Line> scan(String content, int maxLine) throws IOException {
        Path file = Files.write(dir.resolve("segment"), content.getBytes(StandardCharsets.UTF_8));
        List<Line> lines = new ArrayList<>();
        try (LineScanner scanner = new LineScanner(FileChannel.open(file), Long.MAX_VALUE, maxLine)) {
            while (scanner.next()) {
                lines.add(new Line(scanner.lineOffset(),
                        new String(scanner.buffer(), scanner.start(), scanner.length(), StandardCharsets.UTF_8),
                        scanner.terminated(), scanner.tooLong()));
            }
        }
        return lines;
    }

    @Test
    void yieldsEachLineWithItsByteOffset() throws IOException {
        assertThat(scan("a\nbb\n\nccc\n", 100)).containsExactly(
                new Line(0, "a", true, false), new Line(2, "bb", true, false),
                new Line(5, "", true, false), new Line(6, "ccc", true, false));
    }

    @Test
    void lastLineWithoutNewlineIsUnterminated() throws IOException {
        assertThat(scan("a\nbb", 100)).containsExactly(new Line(0, "a", true, false), new Line(2, "bb", false, false));
    }

    @Test
    void carriageReturnBeforeTheNewlineIsDropped() throws IOException {
        assertThat(scan("a\r\nb\r\n", 100)).extracting(Line::text).containsExactly("a", "b");
    }

    @Test
    void linesLongerThanTheReadBufferAreWhole() throws IOException {
        String longLine = "x".repeat(200_000);
        assertThat(scan("a\n" + longLine + "\nb\n", 300_000)).extracting(Line::text)
                .containsExactly("a", longLine, "b");
    }

    @Test
    void lineSpanningTheBufferBoundaryIsFound() throws IOException {
        String first = "y".repeat(65_530);
        assertThat(scan(first + "\n0123456789abcdef\nz\n", 100_000)).extracting(Line::text)
                .containsExactly(first, "0123456789abcdef", "z");
    }

    @Test
    void lineOverTheLimitIsReportedAndSkippedWithoutBufferingIt() throws IOException {
        List<Line> lines = scan("a\n" + "x".repeat(1000) + "\nb\n", 100);
        assertThat(lines).extracting(Line::tooLong).containsExactly(false, true, false);
        assertThat(lines.get(2)).isEqualTo(new Line(1003, "b", true, false));
    }

    @Test
    void readingStopsAtTheGivenEnd() throws IOException {
        Path file = Files.write(dir.resolve("segment"), "a\nbb\ncc".getBytes(StandardCharsets.UTF_8));
        try (LineScanner scanner = new LineScanner(FileChannel.open(file), 4, 100)) {
            assertThat(scanner.next()).isTrue();
            assertThat(scanner.next()).isTrue();
            assertThat(scanner.terminated()).isFalse();
            assertThat(scanner.length()).isEqualTo(2);
            assertThat(scanner.next()).isFalse();
        }
    }
}
