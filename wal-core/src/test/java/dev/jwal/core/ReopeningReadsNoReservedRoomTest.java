package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Reopening a log (either format) reserves the segment's room again before it looks for transactions a dead writer
 * left open; that look stops at the last record, never reading the room just reserved. With 64 GiB segments
 * (sparse, so they cost no disk) reading the room would take minutes; the bound is generous, for liveness.
 */
class ReopeningReadsNoReservedRoomTest {
    private static final long HUGE_SEGMENT = 64L << 30;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void reopeningALogWithHugePreallocatedSegmentsDoesNotScanTheirRoom(SegmentFormat format) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int open = 0; open < 3; open++) {
                try (WriteAheadLog log = Wal.open(config(dir).format(format).segmentSize(HUGE_SEGMENT)
                        .preallocate(true).build())) {
                    assertThat(log.append(upsert("id-" + open, open))).isEqualTo(open);
                }
            }
        });
    }
}
