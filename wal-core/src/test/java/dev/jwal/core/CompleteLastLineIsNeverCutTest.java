package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In the lines format a crash leaves a last line without its newline, or with zeros in it; it cannot leave a
 * complete, newline-terminated line of other bytes. Such a line that does not decode is damage: reported,
 * refused in the default mode, and never deleted.
 */
class CompleteLastLineIsNeverCutTest {
    @TempDir
    Path dir;
    Path segment;

    @BeforeEach
    void logWithTwoRecords() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
        segment = TestLogs.lastSegment(dir);
    }

    /** Complete last lines that do not decode: invalid UTF-8, a reference's null float, a BOM, no such entry. */
    @ParameterizedTest
    @ValueSource(strings = {
            "2|{\"CreateNamespace\":{\"namespace\":\"\\xff\\xfe\"}}",
            "2|{\"Upsert\":{\"namespace\":\"ns\",\"vectors\":[{\"id\":\"v\",\"values\":[null],\"metadata\":null}]}}",
            "\\xef\\xbb\\xbf2|{\"DeleteNamespace\":{\"namespace\":\"ns\"}}",
            "2|{\"NotAnEntry\":{}}"})
    void aCompleteUndecodableLastLineIsRefusedAndKept(String line) throws Exception {
        byte[] bytes = (unescape(line) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(segment, bytes, StandardOpenOption.APPEND);
        long size = Files.size(segment);

        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .satisfies(e -> assertThat(((CorruptLogException) e).kind())
                        .isEqualTo(CorruptLogException.Kind.CORRUPT_RECORD));
        assertThat(Files.size(segment)).isEqualTo(size);

        List<LogProblem> problems = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config(dir).recoveryMode(RecoveryMode.SKIP_CORRUPT)
                .problemListener(problems::add).build())) {
            assertThat(problems).extracting(LogProblem::kind).containsExactly(LogProblem.Kind.SKIPPED_RECORD);
            assertThat(lsns(log.read(0))).containsExactly(0L, 1L);
        }
        assertThat(Files.size(segment)).isEqualTo(size);
    }

    @Test
    void anUnterminatedLastLineIsStillATornTail() throws Exception {
        Files.writeString(segment, "2|{\"Upsert\":{\"namesp", StandardOpenOption.APPEND);
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(2);
        }
    }

    @Test
    void aLastLineHoldingZerosIsStillATornTail() throws Exception {
        Files.write(segment, "2|{\"Upsert\u0000\u0000\u0000\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(2);
        }
    }

    /** Turns {@code \xNN} escapes into the bytes they name (as ISO-8859-1 characters). */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\x", i)) {
                out.append((char) HexFormat.fromHexDigits(text, i + 2, i + 4));
                i += 3;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
