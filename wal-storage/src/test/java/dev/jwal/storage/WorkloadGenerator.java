package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates valid operations for one writer of the crash test, on its own namespaces (all starting with
 * its prefix). Deterministic: the same seed and the same model states give the same operations, which
 * is how the parent process knows what the killed child did from its acknowledgement count alone.
 */
final class WorkloadGenerator {
    private static final int NAMESPACES = 3;
    private static final int IDS = 16;

    private final Random random;
    private final String prefix;
    private final int checkpointPercent;

    /**
     * @param checkpoints whether to emit explicit {@link Op.Checkpoint}s now and then (3 in 100 operations)
     */
    WorkloadGenerator(long seed, String prefix, boolean checkpoints) {
        this(seed, prefix, checkpoints ? 3 : 0);
    }

    /**
     * @param checkpointPercent how many in 100 operations are explicit {@link Op.Checkpoint}s, below 20 (the
     *                          transactions take the rest of the first 20)
     */
    WorkloadGenerator(long seed, String prefix, int checkpointPercent) {
        this.random = new Random(seed);
        this.prefix = prefix;
        this.checkpointPercent = checkpointPercent;
    }

    /** The next operation, valid against {@code model} (which is not changed). */
    Op next(StoreModel model) {
        int roll = random.nextInt(100);
        if (roll < checkpointPercent) {
            return new Op.Checkpoint();
        }
        if (roll < 20) {
            StoreModel staged = model.copy();
            List<Op> ops = new ArrayList<>();
            int size = 2 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                Op op = dataOp(staged);
                staged.apply(op);
                ops.add(op);
            }
            return new Op.Txn(ops);
        }
        return dataOp(model);
    }

    private Op dataOp(StoreModel model) {
        List<String> mine = model.namespaces().stream().filter(name -> name.startsWith(prefix)).toList();
        int roll = random.nextInt(100);
        if (mine.isEmpty() || (roll < 8 && mine.size() < NAMESPACES)) {
            for (int i = 0; i < NAMESPACES; i++) {
                String name = prefix + "n" + i;
                if (!mine.contains(name)) {
                    return new Op.CreateNamespace(name);
                }
            }
        }
        String namespace = mine.get(random.nextInt(mine.size()));
        if (roll < 11) {
            return new Op.DeleteNamespace(namespace);
        }
        if (roll < 75) {
            int dimension = model.dimension(namespace);
            if (dimension < 0) {
                dimension = 1 + random.nextInt(4);
            }
            List<SerializedVector> vectors = new ArrayList<>();
            for (String id : ids(1 + random.nextInt(3))) {
                float[] values = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    values[i] = random.nextInt(2000) / 8f - 125f;
                }
                vectors.add(new SerializedVector(id, values, random.nextInt(4) == 0 ? "m" + random.nextInt(99) : null));
            }
            return new Op.Upsert(namespace, vectors);
        }
        return new Op.Delete(namespace, List.copyOf(ids(1 + random.nextInt(3))));
    }

    private Set<String> ids(int count) {
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < count) {
            ids.add("v" + random.nextInt(IDS));
        }
        return ids;
    }
}
