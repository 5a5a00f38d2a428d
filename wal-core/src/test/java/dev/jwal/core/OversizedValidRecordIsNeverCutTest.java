package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.error.CorruptLogException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record longer than a reader's size limit, written by a writer with a larger one, is a real record: the
 * next writer with the smaller limit refuses to open instead of cutting it as a torn tail.
 */
class OversizedValidRecordIsNeverCutTest {
    private static final int WRITER_LIMIT = 4 << 20;
    private static final int READER_LIMIT = 1 << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aLargeLastRecordMakesASmallerLimitAnErrorNotACut(SegmentFormat format) throws Exception {
        WalEntry large = largeUpsert();
        try (WriteAheadLog log = Wal.open(config(dir).format(format).maxRecordSize(WRITER_LIMIT).build())) {
            log.append(upsert("small", 1f));
            log.append(large);
        }
        Path segment = TestLogs.lastSegment(dir);
        long size = Files.size(segment);

        assertThatThrownBy(() -> Wal.open(config(dir).format(format).maxRecordSize(READER_LIMIT).build()))
                .isInstanceOf(CorruptLogException.class)
                .satisfies(e -> assertThat(((CorruptLogException) e).kind())
                        .isEqualTo(CorruptLogException.Kind.CORRUPT_RECORD))
                .hasMessageContaining("record size limit");
        List<LogProblem> problems = new ArrayList<>();
        assertThatThrownBy(() -> TestLogs.drain(LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL,
                problems::add, READER_LIMIT).read(0))).isInstanceOf(CorruptLogException.class);
        assertThat(Files.size(segment)).isEqualTo(size);

        try (WriteAheadLog log = Wal.open(config(dir).format(format).maxRecordSize(WRITER_LIMIT).build())) {
            assertThat(TestLogs.entries(log.read(1))).containsExactly(large);
        }
    }

    private static WalEntry largeUpsert() {
        float[] values = new float[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 1.0001f;
        }
        return new WalEntry.Upsert("ns", List.of(SerializedVector.of("large", values)));
    }
}
