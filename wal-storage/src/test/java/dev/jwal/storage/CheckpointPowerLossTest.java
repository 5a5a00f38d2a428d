package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.testkit.FaultPlan;
import dev.jwal.testkit.FileOperation;
import dev.jwal.testkit.PowerLossOptions;
import dev.jwal.testkit.SimulatedFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static dev.jwal.storage.TestStores.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exhaustive: the power is cut before each file operation of one checkpoint in turn (forcing the log,
 * creating, writing (in several writes: the snapshot is larger than the writer's buffer), forcing and
 * renaming the snapshot, forcing the directory, the Checkpoint record, deleting the oldest snapshot,
 * truncating the log), each time on a fresh copy of the same store. A checkpoint changes no contents, so
 * after every cut the store must reopen to exactly what it held, and go on taking writes and checkpoints.
 */
class CheckpointPowerLossTest {
    private static final int BIG_BATCHES = 8;
    private static final int BATCH = 40;
    private static final int DIMENSION = 48;

    @TempDir
    Path root;

    @Test
    void aPowerLossAtAnyFileOperationOfACheckpointLeavesTheStoreAsItWas() throws Exception {
        DryRun dry = dryRun();
        assertThat(dry.snapshotWrites).as("the snapshot takes several writes").isGreaterThanOrEqualTo(2);
        assertThat(dry.result.segmentsTruncated()).as("the checkpoint truncates the log").isPositive();

        for (int cut = 1; cut <= dry.operations; cut++) {
            PowerLossOptions options = PowerLossOptions.forSeed(cut);
            String context = "power cut before file operation " + cut + " of " + dry.operations
                    + " of the checkpoint, " + options;
            Path dir = Files.createTempDirectory(root, "cut" + cut);
            StorageConfig config = config(dir);
            SimulatedFileSystem fs = new SimulatedFileSystem();
            WalStorage storage = WalStorage.open(config, fs);
            StoreModel model = setUp(storage);
            fs.inject(FaultPlan.builder().powerLossBefore(cut, options).build());

            assertThatThrownBy(storage::checkpoint).as(context).isInstanceOf(RuntimeException.class)
                    .satisfies(failure -> assertThat(SimulatedDisk.isSimulatedCrash(failure)).isTrue());
            SimulatedDisk.abandon(storage, fs);
            fs.restart();

            try (WalStorage reopened = WalStorage.open(config, fs)) {
                assertThat(contents(reopened)).as(context).isEqualTo(model.contents());
                assertThat(temporaryFiles(config)).as("%s: unfinished snapshots are deleted", context).isEmpty();
                Op more = new Op.Upsert("small", List.of(SerializedVector.of("after", 1f, 2f)));
                more.runOn(reopened);
                model.apply(more);
                reopened.checkpoint();
            }
            try (WalStorage onRealFiles = WalStorage.open(config)) {
                assertThat(contents(onRealFiles)).as(context).isEqualTo(model.contents());
            }
            TestStores.deleteRecursively(dir);
        }
        System.out.printf("checkpoint of %d file operations (%d snapshot writes, %d segments truncated): the "
                + "power cut before each in turn%n", dry.operations, dry.snapshotWrites, dry.result.segmentsTruncated());
    }

    /** What the checkpoint does when nothing cuts it. */
    private record DryRun(long operations, long snapshotWrites, CheckpointResult result) {
    }

    private DryRun dryRun() throws IOException {
        Path dir = Files.createTempDirectory(root, "dry");
        SimulatedFileSystem fs = new SimulatedFileSystem();
        try (WalStorage storage = WalStorage.open(config(dir), fs)) {
            setUp(storage);
            long before = fs.operations();
            long[] writesAfterCreate = {-1};
            long writesBefore = fs.operations(FileOperation.WRITE);
            // The first write after the snapshot file is created is the snapshot's; count until its rename.
            fs.inject(FaultPlan.builder()
                    .onNth(FileOperation.CREATE_FILE, 1, () -> writesAfterCreate[0] = fs.operations(FileOperation.WRITE))
                    .onNth(FileOperation.RENAME, 1, () -> writesAfterCreate[0] =
                            fs.operations(FileOperation.WRITE) - writesAfterCreate[0])
                    .build());
            CheckpointResult result = storage.checkpoint();
            assertThat(fs.operations(FileOperation.WRITE)).isGreaterThan(writesBefore);
            return new DryRun(fs.operations() - before, writesAfterCreate[0], result);
        } finally {
            TestStores.deleteRecursively(dir);
        }
    }

    private static StorageConfig config(Path dir) {
        return SimulatedDisk.config(dir, SyncPolicy.everyWrite());
    }

    /**
     * Fills the store (over 64 KiB of vectors), takes two checkpoints between more changes, so that the next
     * checkpoint deletes the oldest snapshot and truncates the log; the same every time.
     *
     * @return the model of what it holds
     */
    private static StoreModel setUp(WalStorage storage) {
        Random random = new Random(42);
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.CreateNamespace("big"));
        ops.add(new Op.CreateNamespace("small"));
        for (int batch = 0; batch < BIG_BATCHES; batch++) {
            ops.add(bigUpsert(random, batch * BATCH, BATCH));
        }
        ops.add(new Op.Checkpoint());
        ops.add(new Op.Upsert("small", List.of(SerializedVector.of("a", 1f, 2f), SerializedVector.of("b", 3f, 4f))));
        for (int batch = 0; batch < 3; batch++) {
            ops.add(bigUpsert(random, batch * 5, 5));
        }
        ops.add(new Op.Delete("big", List.of("v1", "v2", "v3")));
        ops.add(new Op.Checkpoint());
        ops.add(new Op.Txn(List.of(new Op.Delete("small", List.of("a")),
                new Op.Upsert("small", List.of(SerializedVector.of("c", 5f, 6f))))));
        ops.add(new Op.CreateNamespace("gone"));
        ops.add(new Op.DeleteNamespace("gone"));
        StoreModel model = new StoreModel();
        for (Op op : ops) {
            op.runOn(storage);
            assertThat(model.apply(op)).as("set-up operation %s is valid", op).isNull();
        }
        return model;
    }

    /** Upserts {@code count} vectors into "big", with ids from {@code firstId}: over a segment's size. */
    private static Op bigUpsert(Random random, int firstId, int count) {
        List<SerializedVector> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] values = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                values[d] = random.nextInt(1000) / 4f;
            }
            vectors.add(new SerializedVector("v" + (firstId + i), values, i % 5 == 0 ? "m" + i : null));
        }
        return new Op.Upsert("big", vectors);
    }

    private static List<Path> temporaryFiles(StorageConfig config) throws IOException {
        try (Stream<Path> files = Files.list(config.snapshotDirectory())) {
            return files.filter(path -> path.getFileName().toString().endsWith(SnapshotFormat.TEMP_SUFFIX)).toList();
        }
    }
}
