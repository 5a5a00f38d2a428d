package dev.jwal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where benchmarks write: {@code -Djwal.bench.dir}, else the environment variable {@code JWAL_BENCH_DIR}
 * (what {@code bench/run.sh} sets, to {@code wal-bench/target/bench-data}), else
 * {@code java.io.tmpdir/jwal-bench}. It must be on the disk being measured. Every benchmark works in a
 * fresh directory below it and deletes that directory when done.
 */
public final class BenchDirs {
    private static final AtomicLong COUNTER = new AtomicLong();

    private BenchDirs() {
    }

    /** The directory benchmark data goes under. */
    public static Path root() {
        String configured = System.getProperty("jwal.bench.dir", System.getenv("JWAL_BENCH_DIR"));
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : Path.of(System.getProperty("java.io.tmpdir"), "jwal-bench");
    }

    /** A new, empty directory named after {@code purpose}, the process and a counter. */
    public static Path fresh(String purpose) {
        Path dir = root().resolve(purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            delete(dir);
            return Files.createDirectories(dir);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("creating benchmark directory " + dir, e);
        }
    }

    /** Deletes {@code path} and everything under it; nothing if it does not exist. */
    public static void delete(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting benchmark data " + path, e);
        }
    }

    /** The total size of the regular files under {@code dir}. */
    public static long size(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("measuring " + dir, e);
        }
    }
}
