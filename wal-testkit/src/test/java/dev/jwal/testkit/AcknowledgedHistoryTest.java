package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.jwal.testkit.Fixtures.entry;
import static dev.jwal.testkit.Fixtures.everyWrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check catches what a broken log would do: lose, invent, or misplace records. */
class AcknowledgedHistoryTest {
    @TempDir
    Path dir;
    final AcknowledgedHistory history = new AcknowledgedHistory();

    WalConfig config() {
        return Layout.FRAMED_JSON.config(dir).segmentSize(1 << 20).build();
    }

    HistoryReport check(DurabilityPromise promise) {
        try (WriteAheadLog log = Wal.open(config())) {
            return history.check(log, promise);
        }
    }

    /** Cuts the last {@code records} records off the only segment (framed), as if a log lost them. */
    void dropLastRecords(int records) throws IOException {
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".wal")).findFirst().orElseThrow();
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Integer> starts = new ArrayList<>();
        for (int at = 27 + bytes.get(10); at < bytes.limit(); at += 16 + bytes.getInt(at)) {
            starts.add(at);
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(starts.get(starts.size() - records));
        }
    }

    @Test
    void aCompleteLogPasses() {
        try (WriteAheadLog log = Wal.open(config())) {
            for (int i = 0; i < 3; i++) {
                history.append(log, entry(i));
            }
        }
        HistoryReport report = check(everyWrite()).assertOk();
        assertThat(report.acknowledgedRecords()).isEqualTo(3);
        assertThat(report.recoveredRecords()).isEqualTo(3);
        assertThat(report.summary()).contains("3 acknowledged records");
    }

    @Test
    void aLostAcknowledgedRecordIsAViolation() throws IOException {
        try (WriteAheadLog log = Wal.open(config())) {
            for (int i = 0; i < 3; i++) {
                history.append(log, entry(i));
            }
        }
        dropLastRecords(1);
        HistoryReport report = check(everyWrite());
        assertThat(report.violations()).anySatisfy(v -> assertThat(v).contains("acknowledged LSN 2").contains("lost"));
        assertThatThrownBy(report::assertOk).isInstanceOf(AssertionError.class).hasMessageContaining("LSN 2");
    }

    @Test
    void periodicAllowsLosingTheLastNMinusOneAcknowledgedRecordsOnly() throws IOException {
        try (WriteAheadLog log = Wal.open(config())) {
            for (int i = 0; i < 6; i++) {
                history.append(log, entry(i));
            }
        }
        dropLastRecords(2);
        assertThat(check(DurabilityPromise.of(SyncPolicy.periodic(3))).assertOk().lostAcknowledged()).isEqualTo(2);
        dropLastRecords(1);
        assertThat(check(DurabilityPromise.of(SyncPolicy.periodic(3))).violations()).hasSize(2);
    }

    @Test
    void aRecordThatWasNeverAppendedIsAViolation() {
        try (WriteAheadLog log = Wal.open(config())) {
            history.append(log, entry(0));
            log.append(entry(1));
        }
        assertThat(check(everyWrite()).violations())
                .anySatisfy(v -> assertThat(v).contains("LSN 1").contains("never appended"));
    }

    @Test
    void aRecordAtAnotherLsnThanAcknowledgedIsAViolation() {
        try (WriteAheadLog log = Wal.open(config())) {
            history.append(log, entry(0));
            history.recordAppend(entry(1), () -> log.append(entry(2)));
        }
        assertThat(check(everyWrite()).violations())
                .anySatisfy(v -> assertThat(v).contains("LSN 1 holds").contains("was acknowledged there"));
    }

    @Test
    void aLogThatAcknowledgesWhatItNeverWroteFailsAPowerLossRun() {
        WalConfig config = config();
        PowerLossRun run = PowerLossRun.builder(config)
                .workload((log, calls) -> {
                    calls.append(log, entry(0));
                    calls.recordAppend(entry(1), () -> 1);
                })
                .build();
        assertThatThrownBy(run::run).isInstanceOf(AssertionError.class)
                .hasMessageContaining("acknowledged LSN 1").hasMessageContaining("calls:");
    }

    @Test
    void aRecordOfACallThatFailedMayComeBackAsUnacknowledged() {
        try (WriteAheadLog log = Wal.open(config())) {
            history.append(log, entry(0));
            assertThatThrownBy(() -> history.recordAppend(entry(1), () -> {
                log.append(entry(1));
                throw new IllegalStateException("lost the acknowledgement");
            })).isInstanceOf(IllegalStateException.class);
        }
        HistoryReport report = check(everyWrite()).assertOk();
        assertThat(report.recoveredUnacknowledged()).isEqualTo(1);
        assertThat(history.failedCalls()).isEqualTo(1);
    }
}
