package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static dev.jwal.storage.TestStores.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random operation sequences, valid and invalid, with checkpoints and close/reopen points at random,
 * against {@link StoreModel}: after every step the storage holds what the model holds, and an operation
 * the model refuses is refused with the same exception and, when no background checkpoint can run,
 * writes nothing to the log.
 */
class StoragePropertyTest {

    @Property(tries = 100)
    void behavesLikeTheModelAcrossReopens(@ForAll("workloads") List<Op> ops, @ForAll("policies") SyncPolicy policy,
                                          @ForAll boolean autoCheckpoint,
                                          @ForAll @IntRange(min = 1, max = 2) int retainedSnapshots) throws Exception {
        Path dir = Files.createTempDirectory("jwal-storage-property");
        StorageConfig config = StorageConfig.builder(WalConfig.builder(dir).segmentSize(512).syncPolicy(policy)
                        .checkpointThreshold(7).build())
                .autoCheckpoint(autoCheckpoint).retainedSnapshots(retainedSnapshots).build();
        StoreModel model = new StoreModel();
        WalStorage[] storage = {WalStorage.open(config)};
        try {
            for (int step = 0; step < ops.size(); step++) {
                Op op = ops.get(step);
                if (op instanceof Op.Reopen) {
                    storage[0].close();
                    storage[0] = WalStorage.open(config);
                } else if (op instanceof Op.Checkpoint) {
                    storage[0].checkpoint();
                } else {
                    long nextLsn = storage[0].log().nextLsn();
                    Class<? extends StorageException> refusal = model.apply(op);
                    if (refusal == null) {
                        op.runOn(storage[0]);
                    } else {
                        assertThatThrownBy(() -> op.runOn(storage[0])).as("step %d: %s", step, op)
                                .isInstanceOf(refusal);
                        if (!autoCheckpoint) {
                            assertThat(storage[0].log().nextLsn()).as("step %d wrote nothing", step)
                                    .isEqualTo(nextLsn);
                        }
                    }
                }
                assertThat(contents(storage[0])).as("after step %d: %s", step, op).isEqualTo(model.contents());
            }
            storage[0].close();
            storage[0] = WalStorage.open(config);
            assertThat(contents(storage[0])).as("after the last reopen").isEqualTo(model.contents());
        } finally {
            storage[0].close();
            TestStores.deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<SyncPolicy> policies() {
        return Arbitraries.of(SyncPolicy.everyWrite(), SyncPolicy.periodic(3), SyncPolicy.manual());
    }

    @Provide
    Arbitrary<List<Op>> workloads() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, createNamespace()),
                Tuple.of(1, deleteNamespace()),
                Tuple.of(6, upsert()),
                Tuple.of(3, delete()),
                Tuple.of(2, transaction()),
                Tuple.of(1, Arbitraries.just(new Op.Checkpoint())),
                Tuple.of(2, Arbitraries.just(new Op.Reopen()))
        ).list().ofMinSize(1).ofMaxSize(60);
    }

    private static Arbitrary<Op> transaction() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, createNamespace()),
                Tuple.of(1, deleteNamespace()),
                Tuple.of(5, upsert()),
                Tuple.of(3, delete())
        ).list().ofMinSize(1).ofMaxSize(4).map(Op.Txn::new);
    }

    private static Arbitrary<Op> createNamespace() {
        return namespaces().map(Op.CreateNamespace::new);
    }

    private static Arbitrary<Op> deleteNamespace() {
        return namespaces().map(Op.DeleteNamespace::new);
    }

    /** Mostly one dimension per upsert (so most succeed), now and then an odd vector. */
    private static Arbitrary<Op> upsert() {
        Arbitrary<Integer> dimensions = Arbitraries.frequency(Tuple.of(10, 2), Tuple.of(3, 1), Tuple.of(1, 3));
        return Combinators.combine(namespaces(), dimensions, vectors().list().ofMaxSize(3))
                .as((namespace, dimension, vectors) -> new Op.Upsert(namespace, vectors.stream()
                        .map(vector -> vector.apply(dimension)).toList()));
    }

    private static Arbitrary<Op> delete() {
        return Combinators.combine(namespaces(), ids().list().ofMaxSize(3)).as(Op.Delete::new);
    }

    private static Arbitrary<String> namespaces() {
        return Arbitraries.frequency(Tuple.of(12, "a"), Tuple.of(6, "b"), Tuple.of(3, "ç 🚀"), Tuple.of(1, ""));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.frequency(Tuple.of(10, "x"), Tuple.of(10, "y"), Tuple.of(6, "z"), Tuple.of(4, "ü"),
                Tuple.of(1, ""));
    }

    /** Vectors given the upsert's dimension; one in about twenty has another dimension (0 included). */
    private static Arbitrary<Function<Integer, SerializedVector>> vectors() {
        Arbitrary<Integer> oddDimension = Arbitraries.frequency(Tuple.of(40, -1), Tuple.of(1, 0), Tuple.of(1, 1),
                Tuple.of(1, 3));
        Arbitrary<Float> values = Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.floats().between(-100, 100)),
                Tuple.of(1, Arbitraries.of(Float.NaN, Float.NEGATIVE_INFINITY, -0.0f)));
        Arbitrary<String> metadata = Arbitraries.strings().withChars("aµ\"\\").ofMaxLength(3).injectNull(0.3);
        return Combinators.combine(ids(), oddDimension, values, metadata).as((id, odd, value, meta) -> dimension -> {
            float[] floats = new float[odd >= 0 ? odd : dimension];
            Arrays.fill(floats, value);
            return new SerializedVector(id, floats, meta);
        });
    }
}
