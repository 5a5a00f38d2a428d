package dev.jwal.bookkeeper;

import dev.jwal.bookkeeper.sandbox.LocalCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An in-process cluster shared by the tests of one class: started before the first, stopped and deleted after
 * the last. Register it as a static field with {@code @RegisterExtension}.
 */
final class ClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private final int bookies;
    private Path directory;
    private LocalCluster cluster;

    /** A cluster of {@code bookies} bookies. */
    ClusterExtension(int bookies) {
        this.bookies = bookies;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("jwal-bk-");
        cluster = LocalCluster.start(directory, 0, bookies);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The running cluster. */
    LocalCluster get() {
        return cluster;
    }
}
