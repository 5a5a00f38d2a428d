package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers shared by the tests: configurations, vectors, and a store's whole contents as a value. */
final class TestStores {
    private TestStores() {
    }

    /** Every-write log in {@code dir} with small segments, so truncation has something to delete. */
    static WalConfig.Builder wal(Path dir) {
        return WalConfig.builder(dir).segmentSize(2048).syncPolicy(SyncPolicy.everyWrite());
    }

    /** A storage without automatic checkpoints, so the log's LSNs are predictable. */
    static StorageConfig manualCheckpoints(Path dir) {
        return StorageConfig.builder(wal(dir).build()).autoCheckpoint(false).build();
    }

    static SerializedVector vec(String id, float... values) {
        return SerializedVector.of(id, values);
    }

    /** Namespace → id → vector, sorted. */
    static SortedMap<String, SortedMap<String, SerializedVector>> contents(VectorStorage store) {
        SortedMap<String, SortedMap<String, SerializedVector>> contents = new TreeMap<>();
        for (String namespace : store.namespaces()) {
            SortedMap<String, SerializedVector> vectors = new TreeMap<>();
            for (SerializedVector vector : store.scan(namespace)) {
                vectors.put(vector.id(), vector);
            }
            contents.put(namespace, vectors);
        }
        return contents;
    }

    /** {@link #contents} restricted to the namespaces starting with {@code prefix}. */
    static SortedMap<String, SortedMap<String, SerializedVector>> contents(
            Map<String, ? extends Map<String, SerializedVector>> all, String prefix) {
        SortedMap<String, SortedMap<String, SerializedVector>> selected = new TreeMap<>();
        all.forEach((namespace, vectors) -> {
            if (namespace.startsWith(prefix)) {
                selected.put(namespace, new TreeMap<>(vectors));
            }
        });
        return selected;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
