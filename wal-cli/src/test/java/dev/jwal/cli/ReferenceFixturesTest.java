package dev.jwal.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs written by the Dakera reference itself (copied from the JSON codec's
 * fixtures, see {@code dakera-json/README.md} there): {@code wal dump} and
 * {@code wal recover} must give back what the fixture says, entry text for
 * entry text.
 */
class ReferenceFixturesTest {
    private static final Pattern RECORD = Pattern.compile("\\{\"lsn\":(\\d+),\"entry\":(.*)}");
    private static final Pattern MARKER = Pattern.compile("\\{\"(Checkpoint|TxnBegin|TxnCommit|TxnRollback)\":.*");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"txn", "rotation"})
    void dumpWithMarkersLeftOutIsWhatTheReferenceReadsBack(String fixture) throws Exception {
        Path log = copyOfLog(fixture);

        Cli.Result dump = Cli.run("dump", log, "--recovery", "strict");

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        List<String> entries = entries(dump.outLines(), true);
        assertThat(entries).containsExactlyElementsOf(expected(fixture, "log-entries.jsonl"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"txn", "rotation"})
    void recoverReplaysWhatTheFixtureSaysRecoveryMust(String fixture) throws Exception {
        Path log = copyOfLog(fixture);

        Cli.Result recover = Cli.run("recover", log);

        assertThat(recover.exitCode()).as(recover.toString()).isZero();
        assertThat(entries(recover.outLines(), false)).containsExactlyElementsOf(expected(fixture, "recovered.jsonl"));
    }

    /** The entries of dump or recover lines, checking that LSNs increase; markers left out if asked. */
    private static List<String> entries(List<String> records, boolean withoutMarkers) {
        long previous = -1;
        List<String> entries = new ArrayList<>();
        for (String line : records) {
            Matcher matcher = RECORD.matcher(line);
            assertThat(matcher.matches()).as("a record line: %s", line).isTrue();
            long lsn = Long.parseLong(matcher.group(1));
            assertThat(lsn).isGreaterThan(previous);
            previous = lsn;
            String entry = matcher.group(2);
            if (!withoutMarkers || !MARKER.matcher(entry).matches()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<String> expected(String fixture, String file) throws IOException {
        return Files.readAllLines(fixture(fixture).resolve(file), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
    }

    private Path copyOfLog(String fixture) throws IOException {
        Path source = fixture(fixture).resolve("wal");
        Path target = Files.createDirectories(temp.resolve(fixture));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private static Path fixture(String name) {
        URL url = ReferenceFixturesTest.class.getResource("/dakera-json/" + name);
        assertThat(url).as("fixture %s on the test class path", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
