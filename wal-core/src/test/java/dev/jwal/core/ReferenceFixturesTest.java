package dev.jwal.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs the reference implementation wrote (copied into wal-codec-json's test
 * resources) read back exactly, recover as DESIGN.md says, reopen at the right
 * LSN, and what we write for the same scripts reads back under the reference's
 * rules.
 */
class ReferenceFixturesTest {
    static final Path FIXTURES = Path.of("..", "wal-codec-json", "src", "test", "resources", "dakera-json");
    static final EntryCodec JSON = Codecs.byName("json");
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Stream<String> scriptedFixtures() throws IOException {
        return fixtures().filter(name -> Files.exists(FIXTURES.resolve(name).resolve("script.jsonl")));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readingTheLogYieldsExactlyItsEntries(String name) throws IOException {
        Path wal = copyOf(name);
        LogInspector inspector = LogInspector.open(wal, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        List<WalEntry> data = TestLogs.entries(inspector.read(0)).stream().filter(e -> !e.isMarker()).toList();
        assertThat(data).isEqualTo(decodeLines(FIXTURES.resolve(name).resolve("log-entries.jsonl")));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void recoveryReplaysExactlyWhatTheFixtureExpects(String name) throws IOException {
        Path wal = copyOf(name);
        List<WalEntry> expected = decodeLines(FIXTURES.resolve(name).resolve("recovered.jsonl"));
        LogInspector inspector = LogInspector.open(wal, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        assertThat(TestLogs.entries(inspector.recover())).isEqualTo(expected);
        try (WriteAheadLog log = Wal.open(TestLogs.config(wal).build())) {
            assertThat(TestLogs.entries(log.recover())).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reopeningContinuesRightAfterTheLastRecord(String name) throws IOException {
        Path wal = copyOf(name);
        long lastLsn = -1;
        for (LogRecord record : TestLogs.drain(LogInspector.open(wal, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { })
                .read(0))) {
            lastLsn = record.lsn();
        }
        WalEntry appended = new WalEntry.CreateNamespace("appended-by-jwal");
        try (WriteAheadLog log = Wal.open(TestLogs.config(wal).build())) {
            // Opening rolls back transactions a dead writer left open (the txn fixture has one), nothing else.
            List<WalEntry> closing = TestLogs.entries(log.read(lastLsn + 1));
            assertThat(closing).allMatch(entry -> entry instanceof WalEntry.TxnRollback);
            assertThat(log.nextLsn()).isEqualTo(lastLsn + 1 + closing.size());
            assertThat(log.append(appended)).isEqualTo(lastLsn + 1 + closing.size());
            List<WalEntry> recovered = TestLogs.entries(log.recover());
            assertThat(recovered.get(recovered.size() - 1)).isEqualTo(appended);
        }
        LogInspector strict = LogInspector.open(wal, RecoveryMode.STRICT, p -> { });
        List<LogRecord> all = TestLogs.drain(strict.read(0));
        assertThat(all.get(all.size() - 1).entry()).isEqualTo(appended);
    }

    @org.junit.jupiter.api.Test
    void tornTailOfTheReadOnlyFixtureIsReportedNotSkippedSilently() throws IOException {
        Path wal = copyOf("readonly_corrupt_tail");
        List<LogProblem> problems = new ArrayList<>();
        LogInspector inspector = LogInspector.open(wal, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add);
        assertThat(TestLogs.lsns(inspector.read(0))).containsExactly(0L, 1L, 2L);
        assertThat(problems).extracting(LogProblem::kind).containsExactly(LogProblem.Kind.TORN_TAIL);
        assertThat(inspector.nextLsn()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("scriptedFixtures")
    void whatWeWriteForTheScriptsReadsBackUnderTheReferenceRules(String name) throws IOException {
        Path fixture = FIXTURES.resolve(name);
        Path wal = temp.resolve("ours");
        List<String> sizes = Files.readAllLines(fixture.resolve("max_segment_size.txt"));
        List<JsonNode> expected = new ArrayList<>();
        for (int session = 0; session < sizes.size(); session++) {
            Path script = fixture.resolve(session == 0 ? "script.jsonl" : "script" + (session + 1) + ".jsonl");
            try (WriteAheadLog log = Wal.open(TestLogs.config(wal).syncPolicy(SyncPolicy.manual())
                    .segmentSize(Long.parseLong(sizes.get(session).trim())).build())) {
                for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
                    if (line.equals("CHECKPOINT")) {
                        long lsn = log.checkpoint();
                        expected.add(MAPPER.readTree("{\"Checkpoint\":{\"lsn\":" + lsn + "}}"));
                    } else if (line.equals("FLUSH")) {
                        log.sync();
                    } else {
                        log.append(JSON.decode(line.getBytes(StandardCharsets.UTF_8), 0,
                                line.getBytes(StandardCharsets.UTF_8).length));
                        expected.add(MAPPER.readTree(line));
                    }
                }
            }
        }
        List<JsonNode> actual = new ArrayList<>();
        long lsn = 0;
        for (Path segment : TestLogs.segments(wal)) {
            for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
                // The reference splits at the first '|' and parses the rest as serde JSON.
                int bar = line.indexOf('|');
                assertThat(Long.parseLong(line.substring(0, bar))).isEqualTo(lsn++);
                actual.add(MAPPER.readTree(line.substring(bar + 1)));
            }
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sameUnderReferenceRules(actual.get(i), expected.get(i)))
                    .as("record %d: %s vs %s", i, actual.get(i), expected.get(i)).isTrue();
        }
    }

    /** serde reads a number as f64 and casts it to f32; field order does not matter. */
    static boolean sameUnderReferenceRules(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            return Float.floatToIntBits((float) a.doubleValue()) == Float.floatToIntBits((float) b.doubleValue());
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!b.has(field.getKey()) || !sameUnderReferenceRules(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameUnderReferenceRules(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private Path copyOf(String name) throws IOException {
        Path source = FIXTURES.resolve(name).resolve("wal");
        Path target = temp.resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private static List<WalEntry> decodeLines(Path file) throws IOException {
        List<WalEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                entries.add(JSON.decode(bytes, 0, bytes.length));
            }
        }
        return entries;
    }
}
