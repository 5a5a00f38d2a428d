package dev.jwal.core;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.jwal.core.TestLogs.entries;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With mapped writes the preallocated room of a segment, in either format, is written by memory copy into a
 * shared mapping: the segments are the same bytes as without, a killed process (SIGKILL, another JVM) loses
 * nothing an append returned, and a mapping that can no longer be written fails the append instead of the JVM.
 */
class MappedWritesTest {
    private static final long SEGMENT_SIZE = 256 * 1024;
    private static final int KILL_AFTER = 2_000;

    @TempDir
    Path dir;

    private static WalConfig.Builder config(Path directory, SegmentFormat format, boolean mapped) {
        return WalConfig.builder(directory).format(format).codec("json").segmentSize(SEGMENT_SIZE)
                .syncPolicy(SyncPolicy.manual()).mappedWrites(mapped);
    }

    private static List<WalEntry> appendMany(WriteAheadLog log, int count) {
        List<WalEntry> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WalEntry entry = upsert("id" + i, i, i + 0.5f, -i);
            log.append(entry);
            written.add(entry);
        }
        return written;
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void segmentsWrittenThroughTheMappingAreByteForByteTheSegmentsWrittenWithoutIt(SegmentFormat format) throws Exception {
        Path plain = dir.resolve("plain");
        Path mapped = dir.resolve("mapped");
        try (WriteAheadLog a = Wal.open(config(plain, format, false).preallocate(true).build());
             WriteAheadLog b = Wal.open(config(mapped, format, true).build())) {
            appendMany(a, 5_000);
            appendMany(b, 5_000);
        }
        List<Path> plainSegments = TestLogs.segments(plain);
        List<Path> mappedSegments = TestLogs.segments(mapped);
        assertThat(mappedSegments).hasSameSizeAs(plainSegments).hasSizeGreaterThan(2);
        for (int i = 0; i < plainSegments.size(); i++) {
            assertThat(Files.readAllBytes(mappedSegments.get(i))).isEqualTo(Files.readAllBytes(plainSegments.get(i)));
        }
    }

    /**
     * Segments of 8 MiB are mapped a 1 MiB window at a time: records cross windows, write-back forces retire
     * windows behind the copies, and zeros are written ahead on a pool thread. None of it changes a byte.
     */
    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void recordsCrossingMappedWindowsAreByteForByteTheRecordsWrittenWithoutTheMapping(SegmentFormat format) throws Exception {
        Path plain = dir.resolve("plain");
        Path mapped = dir.resolve("mapped");
        long segmentSize = 8L << 20;
        try (WriteAheadLog a = Wal.open(config(plain, format, false).segmentSize(segmentSize).preallocate(true).build());
             WriteAheadLog b = Wal.open(config(mapped, format, true).segmentSize(segmentSize).build())) {
            for (int i = 0; i < 900; i++) {
                WalEntry entry = largeUpsert(i, 1_000 + (i * 7_919) % 9_000); // 10 to 90 KB of json each
                a.append(entry);
                b.append(entry);
            }
        }
        List<Path> plainSegments = TestLogs.segments(plain);
        List<Path> mappedSegments = TestLogs.segments(mapped);
        assertThat(mappedSegments).hasSameSizeAs(plainSegments).hasSizeGreaterThan(2);
        for (int i = 0; i < plainSegments.size(); i++) {
            assertThat(Files.readAllBytes(mappedSegments.get(i))).isEqualTo(Files.readAllBytes(plainSegments.get(i)));
        }
    }

    private static WalEntry largeUpsert(int id, int dimension) {
        float[] values = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            values[i] = id * 0.25f + i / 3.0f;
        }
        return new WalEntry.Upsert("ns", List.of(new SerializedVector("v" + id, values, null)));
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void recordsWrittenThroughTheMappingAreReadBackWhileTheLogIsOpenAndAfterReopening(SegmentFormat format) {
        WalConfig config = config(dir, format, true).build();
        List<WalEntry> written;
        try (WriteAheadLog log = Wal.open(config)) {
            written = appendMany(log, 3_000);
            assertThat(entries(log.read(0))).isEqualTo(written);
        }
        try (WriteAheadLog log = Wal.open(config)) {
            List<WalEntry> more = appendMany(log, 100);
            List<WalEntry> all = new ArrayList<>(written);
            all.addAll(more);
            assertThat(entries(log.read(0))).isEqualTo(all);
        }
    }

    /**
     * Outside the contract (the directory is the log's), and the one way left to make a mapped store fault:
     * another process cuts the segment. The JVM turns the fault into an {@link InternalError}, which may
     * arrive after the append that caused it returned; the process survives it.
     */
    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aSegmentCutUnderTheMappingByAnotherProcessRaisesAnErrorAndDoesNotKillTheJvm(SegmentFormat format) throws Exception {
        Throwable raised = null;
        try (WriteAheadLog log = Wal.open(config(dir, format, true).build())) {
            log.append(upsert("first", 1f));
            try (FileChannel channel = FileChannel.open(TestLogs.lastSegment(dir), StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            try {
                for (int i = 0; i < 100; i++) {
                    log.append(upsert("next" + i, i));
                }
            } catch (WalIOException | InternalError e) {
                raised = e;
            }
        } catch (WalIOException | InternalError e) {
            raised = raised == null ? e : raised;
        }
        assertThat(raised).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(SegmentFormat.class)
    void aKilledProcessLosesNothingItAppendedThroughTheMapping(SegmentFormat format) throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/maps")), "the child checks its mappings in /proc/self/maps");
        Path log = dir.resolve("log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MappedAppender.class.getName(), log.toString(), format.name()).redirectErrorStream(true).start();
        long lastAcknowledged = -1;
        boolean segmentWasMapped = false;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = output.readLine()) != null; ) {
                if (line.equals(MappedAppender.MAPPED)) {
                    segmentWasMapped = true;
                } else if (line.startsWith(MappedAppender.ACK)) {
                    lastAcknowledged = Long.parseLong(line.substring(MappedAppender.ACK.length()));
                    if (lastAcknowledged >= KILL_AFTER) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no force
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(segmentWasMapped).as("the child wrote through a mapping of its segment").isTrue();
        assertThat(lastAcknowledged).isGreaterThanOrEqualTo(KILL_AFTER);
        try (WriteAheadLog reopened = Wal.open(config(log, format, true).build())) {
            List<WalEntry> read = entries(reopened.read(0));
            assertThat(read.size()).isGreaterThan((int) lastAcknowledged);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i)).isEqualTo(MappedAppender.entry(i));
            }
        }
    }

    /**
     * Appends under manual sync through a mapping in the format named by its second argument, printing each LSN
     * once its append returned; never closes.
     */
    public static final class MappedAppender {
        static final String ACK = "ack ";
        static final String MAPPED = "mapped";

        static WalEntry entry(int i) {
            return upsert("id" + i, i, i * 0.25f);
        }

        public static void main(String[] args) throws Exception {
            Path directory = Path.of(args[0]);
            WriteAheadLog log = Wal.open(config(directory, SegmentFormat.valueOf(args[1]), true).build());
            for (int i = 0; ; i++) {
                long lsn = log.append(entry(i));
                if (i == 0) {
                    String segment = TestLogs.lastSegment(directory).getFileName().toString();
                    if (Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.endsWith(segment))) {
                        System.out.println(MAPPED);
                    }
                }
                System.out.println(ACK + lsn);
            }
        }
    }
}
