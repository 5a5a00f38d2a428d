package dev.jwal.cli;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static dev.jwal.cli.Lines.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Logs of codecs that keep NaN and infinities (kryo, protobuf), read by the commands that print entries. */
class NonFiniteValuesTest {
    private static final String CREATE = "{\"CreateNamespace\":{\"namespace\":\"docs\"}}";
    private static final String NON_FINITE = "{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":[{\"id\":\"v1\","
            + "\"values\":[\"NaN\",\"Infinity\",\"-Infinity\",1.5,\"NaN\"],\"metadata\":null}]}}";
    private static final String DELETE = "{\"Delete\":{\"namespace\":\"docs\",\"ids\":[\"v1\"]}}";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "protobuf"})
    void dumpPrintsNaNAndInfinitiesAsJsonStringsInsteadOfFailingAfterHalfALine(String codec) throws Exception {
        Path log = logWithNonFiniteValues(codec);

        Cli.Result dump = Cli.run("dump", log);

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.outLines()).containsExactly(record(0, CREATE), record(1, NON_FINITE), record(2, DELETE));
        assertThat(dump.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "protobuf"})
    void recoverPrintsNaNAndInfinitiesAsJsonStringsInsteadOfFailingAfterHalfALine(String codec) throws Exception {
        Path log = logWithNonFiniteValues(codec);

        Cli.Result recover = Cli.run("recover", log);

        assertThat(recover.exitCode()).as(recover.toString()).isZero();
        assertThat(recover.outLines()).containsExactly(record(0, CREATE), record(1, NON_FINITE), record(2, DELETE));
    }

    @Test
    void dumpPrintsAnUnpairedSurrogateKeptByKryoAsAnEscapeInsteadOfFailingAfterHalfALine() throws Exception {
        Path log = temp.resolve("kryo");
        try (WriteAheadLog wal = Wal.open(WalConfig.builder(log).codec("kryo").build())) {
            wal.append(new WalEntry.Delete("docs", List.of("a\uD800b")));
        }

        Cli.Result dump = Cli.run("dump", log);

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.outLines()).containsExactly(
                record(0, "{\"Delete\":{\"namespace\":\"docs\",\"ids\":[\"a\\ud800b\"]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "protobuf"})
    void convertToJsonOfANaNFailsWithOneLineNamingTheRecord(String codec) throws Exception {
        Path log = logWithNonFiniteValues(codec);

        Cli.Result convert = Cli.run("convert", log, temp.resolve("json"), "--codec", "json");

        assertThat(convert.exitCode()).as(convert.toString()).isEqualTo(2);
        assertThat(convert.err().lines()).hasSize(1);
        assertThat(convert.err()).startsWith("wal convert: record 1 cannot be converted").contains("NaN");
        assertThat(convert.out()).isEmpty();
    }

    private Path logWithNonFiniteValues(String codec) throws Exception {
        Path log = temp.resolve(codec);
        try (WriteAheadLog wal = Wal.open(WalConfig.builder(log).codec(codec).build())) {
            wal.append(new WalEntry.CreateNamespace("docs"));
            wal.append(new WalEntry.Upsert("docs", List.of(new SerializedVector("v1",
                    new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f,
                            Float.intBitsToFloat(0x7fc00001)}, null))));
            wal.append(new WalEntry.Delete("docs", List.of("v1")));
        }
        return log;
    }
}
