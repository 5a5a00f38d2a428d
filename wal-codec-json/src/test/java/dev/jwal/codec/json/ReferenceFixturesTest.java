package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The logs the reference wrote read back as the reference reads them. */
class ReferenceFixturesTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    static List<String> scriptedFixtures() {
        return Fixtures.scripted();
    }

    @Test
    void everyFixtureFolderIsPresent() {
        assertThat(Fixtures.names()).containsExactlyInAnyOrder("basic", "checkpoint", "empty_vectors", "floats", "large",
                "readonly_corrupt_tail", "reopen", "rotation", "rotation_max0", "strings", "txn");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void walEntriesWithoutMarkersEqualLogEntries(String fixture) {
        List<WalEntry> fromWal = Fixtures.walLines(fixture).stream()
                .filter(Fixtures.WalLine::terminated)
                .map(Fixtures.WalLine::decode)
                .collect(Collectors.toList());

        assertThat(Fixtures.withoutMarkers(fromWal)).containsExactlyElementsOf(Fixtures.entries(fixture, "log-entries.jsonl"));
    }

    @ParameterizedTest
    @MethodSource("scriptedFixtures")
    void scriptEntriesReadAsTheReferenceReadThem(String fixture) {
        // The scripts hold numbers as typed (17-digit doubles, integers, 1E2, 1e+5); the log holds what
        // the reference made of them. Reading a script must give the same 32-bit values.
        List<WalEntry> fromScript = Fixtures.scriptEntryLines(fixture).stream().map(CODEC::fromJson).collect(Collectors.toList());

        assertThat(Fixtures.withoutMarkers(fromScript)).containsExactlyElementsOf(Fixtures.entries(fixture, "log-entries.jsonl"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void markersInTheWalCarryTheirNumbers(String fixture) {
        for (Fixtures.WalLine line : Fixtures.walLines(fixture)) {
            if (line.terminated() && line.decode() instanceof WalEntry.Checkpoint checkpoint) {
                assertThat(checkpoint.lsn()).as("checkpoint at %s", line).isEqualTo(line.lsn());
            }
        }
    }

    @Test
    void unsignedMaximumTransactionIdReadsAsMinusOne() {
        List<WalEntry> entries = Fixtures.walLines("txn").stream().map(Fixtures.WalLine::decode).collect(Collectors.toList());

        assertThat(entries).contains(new WalEntry.TxnCommit(-1L), new WalEntry.TxnRollback(0L));
    }

    @Test
    void tornLastLineOfCorruptTailFailsToDecode() {
        List<Fixtures.WalLine> lines = Fixtures.walLines("readonly_corrupt_tail");
        Fixtures.WalLine torn = lines.get(lines.size() - 1);

        assertThat(torn.terminated()).isFalse();
        assertThatThrownBy(torn::decode).isInstanceOf(CodecException.class).hasMessageContaining("end-of-input");
    }
}
