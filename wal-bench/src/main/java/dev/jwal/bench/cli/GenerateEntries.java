package dev.jwal.bench.cli;

import dev.jwal.bench.BenchEntries;
import dev.jwal.codec.json.JsonEntryCodec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the input of {@code bench/append-cli.sh}: {@code COUNT} entries of {@code DIMENSION} floats
 * ({@link BenchEntries#entry}, entry i for i = 0 to COUNT - 1), one JSON line each, as the reference's
 * serde JSON. Deterministic: the same arguments give the same bytes.
 *
 * <pre>java -cp benchmarks.jar dev.jwal.bench.cli.GenerateEntries COUNT DIMENSION FILE</pre>
 */
public final class GenerateEntries {
    private GenerateEntries() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GenerateEntries COUNT DIMENSION FILE");
            System.exit(2);
        }
        long count = Long.parseLong(args[0]);
        int dimension = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JsonEntryCodec json = new JsonEntryCodec();
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20)) {
            for (long i = 0; i < count; i++) {
                byte[] line = json.encode(BenchEntries.entry(dimension, i));
                out.write(line);
                out.write('\n');
                bytes += line.length + 1;
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("%,d entries of %d floats, %,d bytes, in %s%n", count, dimension, bytes, file);
    }
}
