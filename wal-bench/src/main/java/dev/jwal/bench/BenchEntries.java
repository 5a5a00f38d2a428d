package dev.jwal.bench;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The entries every benchmark writes: one {@code Upsert} of one vector of {@code dimension} floats in
 * namespace {@code bench}, with id {@code vec-NNNNNNNN} and no metadata. The values are uniform in
 * [-1, 1) rounded to float, derived from the entry's index only, so every run, every benchmark and the
 * {@code wal append} input of {@code bench/append-cli.sh} hold the same bytes.
 *
 * <p>Benchmarks cycle through a {@link #pool(int) pool} of {@value #POOL_SIZE} distinct entries, so no
 * codec sees one input over and over.
 */
public final class BenchEntries {
    /** Entries in a pool; a power of two, so {@code index & POOL_MASK} cycles through it. */
    public static final int POOL_SIZE = 64;
    public static final int POOL_MASK = POOL_SIZE - 1;
    /** The namespace of every entry. */
    public static final String NAMESPACE = "bench";

    private BenchEntries() {
    }

    /** The entry at {@code index} for vectors of {@code dimension} floats. */
    public static WalEntry.Upsert entry(int dimension, long index) {
        SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L + dimension);
        float[] values = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return new WalEntry.Upsert(NAMESPACE,
                List.of(new SerializedVector(String.format("vec-%08d", index), values, null)));
    }

    /** Entries 0 to {@value #POOL_SIZE} - 1. */
    public static WalEntry.Upsert[] pool(int dimension) {
        WalEntry.Upsert[] pool = new WalEntry.Upsert[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = entry(dimension, i);
        }
        return pool;
    }
}
