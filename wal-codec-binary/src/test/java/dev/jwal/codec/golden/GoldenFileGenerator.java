package dev.jwal.codec.golden;

import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Writes the golden files {@code golden/<codec>-v<formatVersion>.bin} from
 * {@link GoldenEntries}. The build never runs it: regenerate only on purpose,
 * after a deliberate format change (and then bump the codec's format version
 * so that old files are still told apart), never to make a failing
 * {@link GoldenFilesTest} pass after a library upgrade.
 *
 * <p>To run it, from the repository root:
 * <pre>
 * mvn -pl wal-codec-binary test -Dtest=GoldenFileGenerator -Djwal.golden.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the working directory of the tests is the module, so the files land in
 * {@code wal-codec-binary/src/test/resources/golden}), or call {@link #main}
 * with the output directory.
 */
public final class GoldenFileGenerator {
    /** The codecs that have golden files. */
    static final List<String> CODECS = List.of("kryo", "protobuf");

    GoldenFileGenerator() {
        // Made by JUnit only, for regenerate().
    }

    /** @param args the output directory; {@code src/test/resources/golden} when absent */
    public static void main(String[] args) throws IOException {
        Path directory = Paths.get(args.length > 0 ? args[0] : "src/test/resources/golden");
        Files.createDirectories(directory);
        for (String name : CODECS) {
            EntryCodec codec = Codecs.byName(name);
            Path file = directory.resolve(fileName(codec));
            Files.write(file, GoldenFile.write(codec, GoldenEntries.entries()));
            System.out.println("wrote " + file.toAbsolutePath());
        }
    }

    /** {@code <name>-v<formatVersion>.bin} */
    static String fileName(EntryCodec codec) {
        return codec.name() + "-v" + codec.formatVersion() + ".bin";
    }

    /** Runs {@link #main} from Maven when asked to (see the class comment); skipped otherwise. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "jwal.golden.regenerate", matches = "true")
    void regenerate() throws IOException {
        main(new String[0]);
    }
}
