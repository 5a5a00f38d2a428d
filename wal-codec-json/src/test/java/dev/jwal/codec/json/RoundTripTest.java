package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

/** Every entry of the reference's logs survives our writing and reading. */
class RoundTripTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    static List<String> scriptedFixtures() {
        return Fixtures.scripted();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void encodeThenDecodeGivesAnEqualEntry(String fixture) {
        for (Fixtures.WalLine line : Fixtures.walLines(fixture)) {
            if (line.terminated()) {
                WalEntry entry = line.decode();
                byte[] payload = CODEC.encode(entry);

                assertThat(CODEC.decode(payload, 0, payload.length)).as("entry at %s", line).isEqualTo(entry);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reEncodedFixtureLineIsTheReferencesTextButForTheLayoutOfFloats(String fixture) {
        for (Fixtures.WalLine line : Fixtures.walLines(fixture)) {
            if (line.terminated()) {
                String ours = new String(CODEC.encode(line.decode()), StandardCharsets.UTF_8);
                String theirs = new String(line.json(), StandardCharsets.UTF_8);

                assertThat(withoutNumbers(ours)).as("line %s", line).isEqualTo(withoutNumbers(theirs));
                assertThat(CODEC.fromJson(ours)).as("line %s", line).isEqualTo(CODEC.fromJson(theirs));
            }
        }
    }

    /** The text with every JSON number outside strings replaced by 0: fields, order, escapes and strings stay. */
    private static String withoutNumbers(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                while (i + 1 < json.length() && "0123456789.eE+-".indexOf(json.charAt(i + 1)) >= 0) {
                    i++;
                }
                out.append('0');
            } else {
                out.append(c);
                inString = c == '"';
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reEncodedFixtureLineReadsBackUnderTheReferencesRules(String fixture) {
        // The reference's own text of each entry and ours decode to the same entry.
        for (Fixtures.WalLine line : Fixtures.walLines(fixture)) {
            if (line.terminated()) {
                WalEntry reference = line.decode();
                String ours = CODEC.toJson(reference);

                assertThat(CODEC.fromJson(ours)).as("line %s", line).isEqualTo(reference);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scriptedFixtures")
    void everyScriptEntryEncodesToOneLine(String fixture) {
        for (String scriptLine : Fixtures.scriptEntryLines(fixture)) {
            byte[] payload = CODEC.encode(CODEC.fromJson(scriptLine));

            assertThat(payload).doesNotContain((byte) '\n').doesNotContain((byte) '\r');
        }
    }

    @ParameterizedTest
    @MethodSource("scriptedFixtures")
    void toJsonIsEncodeAsText(String fixture) {
        for (String scriptLine : Fixtures.scriptEntryLines(fixture)) {
            WalEntry entry = CODEC.fromJson(scriptLine);

            assertThat(CODEC.toJson(entry)).isEqualTo(new String(CODEC.encode(entry), StandardCharsets.UTF_8));
        }
    }
}
