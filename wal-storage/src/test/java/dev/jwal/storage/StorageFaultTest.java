package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.error.WalIOException;
import dev.jwal.testkit.FaultPlan;
import dev.jwal.testkit.FileOperation;
import dev.jwal.testkit.SimulatedFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static dev.jwal.storage.TestStores.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Injected disk faults under a {@link WalStorage} on wal-testkit's simulated disk (every-write): a failed
 * write, force, creation, rename, directory force or deletion in an append or a checkpoint reaches the
 * caller as an exception (a failed append also fails the storage, which cannot tell whether the log holds
 * it; a failed checkpoint leaves the store as it was), and the store reopens with every
 * acknowledged operation, also after a later power loss.
 */
class StorageFaultTest {
    /** Free bytes that hold part of a snapshot of the set-up store, and a few appends. */
    private static final int SNAPSHOT_SPACE = 600;

    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();
    StorageConfig config;
    StoreModel model = new StoreModel();
    WalStorage storage;

    /** A store with two snapshots, so that the next checkpoint deletes one and truncates the log. */
    @BeforeEach
    void openAStoreWithTwoSnapshots() {
        config = SimulatedDisk.config(dir, SyncPolicy.everyWrite());
        storage = WalStorage.open(config, fs);
        acknowledge(new Op.CreateNamespace("a"));
        for (int i = 0; i < 60; i++) {
            acknowledge(upsert("v" + i, i));
            if (i == 20 || i == 40) {
                acknowledge(new Op.Checkpoint());
            }
        }
    }

    @AfterEach
    void closeQuietlyIfStillOpen() {
        if (storage != null) {
            SimulatedDisk.abandon(storage, fs);
        }
    }

    private void acknowledge(Op op) {
        op.runOn(storage);
        assertThat(model.apply(op)).as("%s is valid", op).isNull();
    }

    private static Op upsert(String id, float value) {
        return new Op.Upsert("a", List.of(SerializedVector.of(id, value, value + 1)));
    }

    /** Cuts the power, restarts and reopens the storage on what survived. */
    private void powerLossAndReopen() {
        fs.powerLoss();
        SimulatedDisk.abandon(storage, fs);
        fs.restart();
        storage = WalStorage.open(config, fs);
    }

    /** Fails the {@code nth} {@code operation} that follows the creation of the next snapshot file. */
    private void failInNextSnapshot(FileOperation operation, int nth) {
        if (operation == FileOperation.CREATE_FILE) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.CREATE_FILE, nth).build());
        } else {
            fs.inject(FaultPlan.builder().onNth(FileOperation.CREATE_FILE, 1,
                    () -> fs.inject(FaultPlan.builder().failNth(operation, nth).build())).build());
        }
    }

    @ParameterizedTest
    @EnumSource(value = FileOperation.class, names = {"WRITE", "FORCE"})
    void aFailedAppendReachesTheCallerFailsTheStorageAndReopeningRecovers(FileOperation failing) {
        Op failed = upsert("x", 9);
        fs.inject(FaultPlan.builder().failNth(failing, 1).build());

        assertThatThrownBy(() -> failed.runOn(storage)).isInstanceOf(WalIOException.class);
        assertThatThrownBy(() -> contents(storage)).as("the store may differ from the log: reads refused")
                .isInstanceOf(StorageFailedException.class);
        assertThatThrownBy(() -> upsert("y", 1).runOn(storage)).as("the failed storage refuses appends")
                .isInstanceOf(StorageFailedException.class);

        storage.close();
        storage = WalStorage.open(config, fs);
        AcknowledgedStates states = new AcknowledgedStates(model);
        states.inFlight(failed);
        int reflected = states.check(contents(storage), false, "reopened after a failed " + failing);
        if (reflected > 0) {
            model.apply(failed);
        }
        acknowledge(upsert("y", 1));

        powerLossAndReopen();
        assertThat(contents(storage)).as("after a power loss").isEqualTo(model.contents());
    }

    @ParameterizedTest
    @EnumSource(value = FileOperation.class, names = {"CREATE_FILE", "WRITE", "FORCE", "RENAME", "FORCE_DIRECTORY"})
    void aFailedSnapshotStepReachesTheCallerAndCostsNothing(FileOperation failing) throws IOException {
        failInNextSnapshot(failing, 1);

        assertThatThrownBy(storage::checkpoint).isInstanceOf(WalIOException.class)
                .hasMessageContaining("writing a snapshot");
        assertThat(contents(storage)).isEqualTo(model.contents());

        acknowledge(upsert("after-failure", 1));
        acknowledge(new Op.Checkpoint());
        acknowledge(upsert("after-checkpoint", 2));
        powerLossAndReopen();

        assertThat(contents(storage)).as("after a power loss").isEqualTo(model.contents());
        assertThat(snapshotFiles(SnapshotFormat.TEMP_SUFFIX)).as("no unfinished snapshot left").isEmpty();
    }

    @Test
    void aSnapshotThatRunsOutOfSpaceIsDeletedSoThatAppendsGoOn() throws IOException {
        fs.inject(FaultPlan.builder().freeSpace(SNAPSHOT_SPACE).build());

        assertThatThrownBy(storage::checkpoint).isInstanceOf(WalIOException.class)
                .hasMessageContaining("writing a snapshot").hasStackTraceContaining("No space left");
        assertThat(snapshotFiles(SnapshotFormat.TEMP_SUFFIX)).as("the partial snapshot is deleted").isEmpty();

        acknowledge(upsert("after-failure", 1));
        powerLossAndReopen();
        assertThat(contents(storage)).as("after a power loss").isEqualTo(model.contents());
    }

    /** The first deletion is of the oldest snapshot, the second of a log segment the truncation drops. */
    @ParameterizedTest(name = "deletion {0} of the clean-up fails")
    @CsvSource({"1, deleting old snapshots", "2, deleting a segment (truncated before LSN"})
    void aFailedDeletionInACheckpointsCleanUpReachesTheCallerAndReopeningRecovers(int nth, String failure) {
        failInNextSnapshot(FileOperation.DELETE, nth);

        assertThatThrownBy(storage::checkpoint).isInstanceOf(WalIOException.class).hasMessageContaining(failure);
        assertThat(contents(storage)).isEqualTo(model.contents());

        storage.close();
        storage = WalStorage.open(config, fs);
        assertThat(contents(storage)).isEqualTo(model.contents());
        acknowledge(upsert("after", 1));
        acknowledge(new Op.Checkpoint());
        powerLossAndReopen();
        assertThat(contents(storage)).as("after a power loss").isEqualTo(model.contents());
    }

    @Test
    void aDamagedSnapshotIsSetAsideDurablyAndTheStoreOpensFromTheOneBefore() throws IOException {
        storage.close();
        List<Path> snapshots = snapshotFiles(SnapshotFormat.SUFFIX);
        assertThat(snapshots).hasSize(2);
        Path newest = snapshots.get(snapshots.size() - 1);
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[]{0x55, 0x55}), SnapshotFormat.HEADER_SIZE + 2);
        }

        storage = WalStorage.open(config, fs);
        assertThat(contents(storage)).isEqualTo(model.contents());
        powerLossAndReopen();

        assertThat(contents(storage)).as("after a power loss").isEqualTo(model.contents());
        assertThat(snapshotFiles(SnapshotFormat.SUFFIX)).as("the damaged one stays aside").doesNotContain(newest);
        assertThat(snapshotFiles(SnapshotFormat.BROKEN_SUFFIX)).extracting(path -> path.getFileName().toString())
                .containsExactly(newest.getFileName() + SnapshotFormat.BROKEN_SUFFIX);
    }

    /** Files of the snapshot directory whose names end with {@code suffix}, by name. */
    private List<Path> snapshotFiles(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(config.snapshotDirectory())) {
            return files.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
