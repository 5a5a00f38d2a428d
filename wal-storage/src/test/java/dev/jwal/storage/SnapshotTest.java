package dev.jwal.storage;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.api.SerializedVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.SortedMap;
import java.util.stream.Stream;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.manualCheckpoints;
import static dev.jwal.storage.TestStores.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest {
    private static final UUID LOG_IDENTITY = UUID.fromString("6f1c0c8e-2d55-4c1a-9a53-4b1e3c2f7a10");

    @TempDir
    Path dir;

    @Test
    void aCheckpointWritesASnapshotThenTheRecordThenTruncates() throws IOException {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            fill(storage, 0, 100);
            long next = storage.log().nextLsn();
            CheckpointResult first = storage.checkpoint();
            assertThat(first.replayFromLsn()).isEqualTo(next);
            assertThat(first.checkpointLsn()).isEqualTo(next);
            assertThat(first.vectors()).isEqualTo(100);
            assertThat(first.snapshot()).exists().hasFileName(SnapshotFormat.fileName(next));
            assertThat(first.segmentsTruncated()).as("one snapshot only: the whole log stays as fallback").isZero();
            assertThat(storage.log().lastCheckpointLsn()).hasValue(first.checkpointLsn());

            fill(storage, 100, 200);
            CheckpointResult second = storage.checkpoint();
            assertThat(second.segmentsTruncated()).as("truncated up to the older snapshot").isPositive();
            assertThat(storage.logStats().firstLsn()).isPositive().isLessThanOrEqualTo(first.replayFromLsn());

            fill(storage, 200, 300);
            CheckpointResult third = storage.checkpoint();
            assertThat(snapshotNames()).containsExactly(SnapshotFormat.fileName(second.replayFromLsn()),
                    SnapshotFormat.fileName(third.replayFromLsn()));
        }
    }

    @Test
    void aRestartLoadsTheNewestSnapshotAndReplaysTheTail() {
        SortedMap<String, SortedMap<String, SerializedVector>> expected;
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            storage.createNamespace("empty");
            fill(storage, 0, 50);
            storage.checkpoint();
            fill(storage, 50, 80);
            storage.delete("n", "v3", "v60");
            storage.transaction(tx -> tx.upsert("n", new SerializedVector("v1", new float[]{-0.0f, 1e-40f}, "μ")));
            expected = contents(storage);
        }
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(contents(storage)).isEqualTo(expected);
        }
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToThePreviousOneAndTheLog() throws IOException {
        SortedMap<String, SortedMap<String, SerializedVector>> expected;
        CheckpointResult newest;
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            fill(storage, 0, 60);
            storage.checkpoint();
            fill(storage, 60, 120);
            newest = storage.checkpoint();
            fill(storage, 120, 150);
            expected = contents(storage);
        }
        flipByte(newest.snapshot(), Files.size(newest.snapshot()) / 2);

        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(contents(storage)).isEqualTo(expected);
        }
        assertThat(newest.snapshot()).doesNotExist();
        assertThat(newest.snapshot().resolveSibling(newest.snapshot().getFileName() + ".broken")).exists();
    }

    @Test
    void withEverySnapshotDamagedAndTheLogTruncatedOpeningFailsClearly() throws IOException {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            fill(storage, 0, 60);
            storage.checkpoint();
            fill(storage, 60, 120);
            storage.checkpoint();
        }
        for (Path snapshot : snapshots()) {
            flipByte(snapshot, 30);
        }
        assertThatThrownBy(() -> WalStorage.open(manualCheckpoints(dir)))
                .isInstanceOf(StorageRecoveryException.class)
                .hasMessageContaining("no snapshot in")
                .hasMessageContaining("the log no longer starts at LSN 0")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2)
                        .allMatch(s -> s instanceof SnapshotCorruptException));
        assertThat(dir.resolve("snapshots")).isDirectoryContaining("glob:**.snap.broken");
    }

    @Test
    void withTheOnlySnapshotDamagedTheWholeLogIsReplayed() throws IOException {
        SortedMap<String, SortedMap<String, SerializedVector>> expected;
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            fill(storage, 0, 60);
            storage.checkpoint();
            fill(storage, 60, 70);
            expected = contents(storage);
        }
        flipByte(snapshots().get(0), 0);
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(contents(storage)).isEqualTo(expected);
        }
    }

    @Test
    void anUnfinishedSnapshotIsDeletedOnOpen() throws IOException {
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
        }
        Path unfinished = dir.resolve("snapshots").resolve(SnapshotFormat.fileName(5) + ".tmp");
        Files.write(unfinished, new byte[]{1, 2, 3});
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            assertThat(storage.namespaces()).containsExactly("n");
        }
        assertThat(unfinished).doesNotExist();
    }

    @Test
    void aSnapshotAheadOfTheLogStopsTheOpen(@TempDir Path other) throws IOException {
        Path snapshot;
        try (WalStorage storage = WalStorage.open(manualCheckpoints(dir))) {
            storage.createNamespace("n");
            fill(storage, 0, 10);
            snapshot = storage.checkpoint().snapshot();
        }
        Files.createDirectories(other.resolve("snapshots"));
        Files.copy(snapshot, other.resolve("snapshots").resolve(snapshot.getFileName()));
        Files.copy(dir.resolve(LogIdentity.FILE_NAME), other.resolve(LogIdentity.FILE_NAME)); // an older backup
        assertThatThrownBy(() -> WalStorage.open(manualCheckpoints(other)))
                .isInstanceOf(StorageRecoveryException.class)
                .hasMessageContaining("the log ends before that");
    }

    @Test
    void theSnapshotFormatRoundTripsExactly() throws IOException {
        InMemoryVectorStorage store = new InMemoryVectorStorage();
        store.createNamespace("empty");
        store.createNamespace("ναμε 🚀");
        store.upsert("ναμε 🚀", new SerializedVector("ïd 🚀", new float[]{-0.0f, Float.MIN_VALUE, Float.MAX_VALUE},
                "métadata"), new SerializedVector("plain", new float[]{1f, 2f, 3f}, ""), vec("none", 4f, 5f, 6f));
        Path file = SnapshotWriter.write(LogFileSystem.standard(), dir, StoreImage.copyOf(store, 42),
                LOG_IDENTITY);

        SnapshotHeader header = SnapshotReader.verify(file, 42);
        assertThat(header.logIdentity()).isEqualTo(LOG_IDENTITY);
        InMemoryVectorStorage loaded = new InMemoryVectorStorage();
        SnapshotReader.load(file, header, loaded);
        assertThat(contents(loaded)).isEqualTo(contents(store));
        assertThat(loaded.get("ναμε 🚀", "plain").orElseThrow().metadata()).isEmpty();
        assertThat(loaded.get("ναμε 🚀", "none").orElseThrow().metadata()).isNull();
        assertThatThrownBy(() -> SnapshotReader.verify(file, 41)).isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("file name says 41");
    }

    @Test
    void everyDamagedByteAndEveryCutIsDetected() throws IOException {
        InMemoryVectorStorage store = new InMemoryVectorStorage();
        store.createNamespace("n");
        store.upsert("n", new SerializedVector("a", new float[]{1f, 2f}, "m"), vec("b", 3f, 4f));
        Path file = SnapshotWriter.write(LogFileSystem.standard(), dir, StoreImage.copyOf(store, 7), LOG_IDENTITY);
        byte[] good = Files.readAllBytes(file);
        Path damaged = dir.resolve("damaged");
        for (int i = 0; i < good.length; i++) {
            byte[] bytes = good.clone();
            bytes[i] ^= 0x10;
            Files.write(damaged, bytes);
            assertThatThrownBy(() -> SnapshotReader.verify(damaged, 7)).as("byte %d flipped", i)
                    .isInstanceOf(SnapshotCorruptException.class);
        }
        for (int length = 0; length < good.length; length++) {
            Files.write(damaged, java.util.Arrays.copyOf(good, length));
            assertThatThrownBy(() -> SnapshotReader.verify(damaged, 7)).as("cut to %d bytes", length)
                    .isInstanceOf(SnapshotCorruptException.class);
        }
    }

    @Test
    void aDamagedSnapshotNamesTheFileAndOffset() throws IOException {
        InMemoryVectorStorage store = new InMemoryVectorStorage();
        store.createNamespace("n");
        Path file = SnapshotWriter.write(LogFileSystem.standard(), dir, StoreImage.copyOf(store, 3), LOG_IDENTITY);
        flipByte(file, 20);
        assertThatThrownBy(() -> SnapshotReader.verify(file, 3))
                .isInstanceOf(SnapshotCorruptException.class)
                .hasMessageStartingWith("damaged snapshot " + file + " at offset " + (Files.size(file) - 4))
                .hasMessageContaining("checksum mismatch");
    }

    private static void fill(WalStorage storage, int from, int to) {
        for (int i = from; i < to; i++) {
            storage.upsert("n", vec("v" + i, i, -i));
        }
    }

    private List<Path> snapshots() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            return files.filter(path -> path.toString().endsWith(".snap")).sorted().toList();
        }
    }

    private List<String> snapshotNames() throws IOException {
        return snapshots().stream().map(path -> path.getFileName().toString()).toList();
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0xFF);
        }
    }
}
