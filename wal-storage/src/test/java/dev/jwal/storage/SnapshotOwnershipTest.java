package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static dev.jwal.storage.TestStores.vec;
import static dev.jwal.storage.TestStores.wal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A snapshot belongs to one log: it names the log's identity and is refused by another log, and a snapshot
 * directory is held by one storage at a time. Snapshots from before identities still load.
 */
class SnapshotOwnershipTest {
    @TempDir
    Path root;

    private StorageConfig config(String logDirectory) {
        return StorageConfig.builder(wal(root.resolve(logDirectory)).build()).autoCheckpoint(false)
                .snapshotDirectory(root.resolve("shared-snapshots")).build();
    }

    @Test
    void aSnapshotOfAnotherLogStopsTheOpenWithATypedErrorInsteadOfLoadingItsNamespaces() {
        try (WalStorage b = WalStorage.open(config("b"))) {
            b.createNamespace("b-only");
            for (int i = 0; i < 20; i++) {
                b.upsert("b-only", vec("v" + i, i));
            }
        }
        Path foreign;
        try (WalStorage a = WalStorage.open(config("a"))) {
            a.createNamespace("a-only");
            a.upsert("a-only", vec("x", 1f));
            foreign = a.checkpoint().snapshot();
        }

        assertThatThrownBy(() -> WalStorage.open(config("b"))).isInstanceOf(ForeignSnapshotException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("shared with another storage")
                .satisfies(e -> assertThat(((ForeignSnapshotException) e).snapshot()).isEqualTo(foreign));
        assertThat(foreign).as("nothing deleted").exists();
    }

    @Test
    void aSecondStorageOnTheSameSnapshotDirectoryIsRefusedWhileTheFirstIsOpen() {
        try (WalStorage first = WalStorage.open(config("a"))) {
            first.createNamespace("n");

            assertThatThrownBy(() -> WalStorage.open(config("b")))
                    .isInstanceOf(SnapshotDirectoryLockedException.class)
                    .hasMessageContaining(root.resolve("shared-snapshots").toString());
            first.upsert("n", vec("still-works", 1f));
        }
        try (WalStorage second = WalStorage.open(config("b"))) {
            assertThat(second.namespaces()).as("the refused open left its log usable").isEmpty();
        }
    }

    /** In Java, closing any channel of a file drops the process's lock on it: a refused open must not. */
    @Test
    void aRefusedSecondOpenInThisProcessLeavesTheFirstStoragesLockHeldAgainstOtherProcesses() throws Exception {
        try (WalStorage first = WalStorage.open(config("a"))) {
            assertThatThrownBy(() -> WalStorage.open(config("b"))).isInstanceOf(SnapshotDirectoryLockedException.class);

            assertThat(probeLockFromAnotherProcess(root.resolve("shared-snapshots")
                    .resolve(SnapshotDirectoryLock.FILE_NAME))).isEqualTo("held");
        }
    }

    @Test
    void aSnapshotWrittenBeforeSnapshotsNamedTheirLogStillLoads() throws IOException {
        StorageConfig config = config("old");
        try (WalStorage storage = WalStorage.open(config)) {
            storage.createNamespace("n");
            storage.upsert("n", vec("a", 1f, 2f));
        }
        // What an older version left: no identity file, and a version 1 snapshot of the first two records.
        Files.delete(root.resolve("old").resolve(LogIdentity.FILE_NAME));
        SerializedVector fromSnapshot = new SerializedVector("a", new float[]{1f, 2f}, "only in the snapshot");
        Files.write(config.snapshotDirectory().resolve(SnapshotFormat.fileName(2)), versionOne(2, "n", fromSnapshot));

        try (WalStorage storage = WalStorage.open(config)) {
            assertThat(storage.scan("n")).as("loaded from the old snapshot").containsExactly(fromSnapshot);
            storage.upsert("n", vec("b", 3f, 4f));
            Path written = storage.checkpoint().snapshot();
            assertThat(SnapshotReader.verify(written, SnapshotFormat.parseFileName(written.getFileName().toString()))
                    .logIdentity()).as("new snapshots name the log").isNotNull();
        }
    }

    /** A version 1 snapshot of one namespace: the header had no log identity. */
    private static byte[] versionOne(long replayFrom, String namespace, SerializedVector vector) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SnapshotFormat.MAGIC);
        out.writeShort(1);
        out.writeLong(replayFrom);
        out.writeInt(1);
        writeString(out, namespace);
        out.writeInt(vector.dimension());
        out.writeInt(1);
        writeString(out, vector.id());
        for (int i = 0; i < vector.dimension(); i++) {
            out.writeInt(Float.floatToRawIntBits(vector.value(i)));
        }
        writeString(out, vector.metadata());
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Runs a JVM that tries the OS lock on {@code file}: "held" or "free". */
    private String probeLockFromAnotherProcess(Path file) throws Exception {
        Path probe = root.resolve("LockProbe.java");
        Files.writeString(probe, String.join("\n", List.of(
                "import java.nio.channels.FileChannel;",
                "import java.nio.file.Path;",
                "import java.nio.file.StandardOpenOption;",
                "public class LockProbe {",
                "    public static void main(String[] args) throws Exception {",
                "        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {",
                "            System.out.print(channel.tryLock() == null ? \"held\" : \"free\");",
                "        }",
                "    }",
                "}")));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), file.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
