package dev.jwal.storage;

import dev.jwal.api.SerializedVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.jwal.storage.TestStores.contents;
import static dev.jwal.storage.TestStores.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryVectorStorageTest {
    private final InMemoryVectorStorage store = new InMemoryVectorStorage();

    @Test
    void storesVectorsByNamespaceAndId() {
        store.createNamespace("docs");
        store.upsert("docs", vec("b", 1f, 2f), new SerializedVector("a", new float[]{3f, 4f}, "meta"));
        store.upsert("docs", vec("b", 5f, 6f));

        assertThat(store.namespaces()).containsExactly("docs");
        assertThat(store.count("docs")).isEqualTo(2);
        assertThat(store.get("docs", "b")).contains(vec("b", 5f, 6f));
        assertThat(store.get("docs", "zzz")).isEmpty();
        assertThat(store.scan("docs")).extracting(SerializedVector::id).containsExactly("a", "b");
        assertThat(store.dimension("docs")).isEqualTo(OptionalInt.of(2));
        assertThat(store.delete("docs", "a", "missing")).isEqualTo(1);
        assertThat(store.scan("docs")).containsExactly(vec("b", 5f, 6f));
    }

    @Test
    void anEmptyNamespaceTakesAnyDimension() {
        store.createNamespace("n");
        assertThat(store.dimension("n")).isEmpty();
        store.upsert("n", vec("a", 1f, 2f, 3f));
        store.delete("n", "a");
        store.upsert("n", vec("a", 1f));
        assertThat(store.dimension("n")).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void deletingANamespaceDeletesItsVectors() {
        store.createNamespace("n");
        store.upsert("n", vec("a", 1f));
        store.deleteNamespace("n");
        store.createNamespace("n");
        assertThat(store.count("n")).isZero();
    }

    @Test
    void invalidOperationsThrowClearErrorsAndChangeNothing() {
        store.createNamespace("n");
        store.upsert("n", vec("a", 1f, 2f));
        var before = contents(store);

        assertThatThrownBy(() -> store.createNamespace("n")).isInstanceOf(NamespaceExistsException.class)
                .hasMessageContaining("'n' already exists");
        assertThatThrownBy(() -> store.createNamespace("")).isInstanceOf(InvalidNamespaceException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> store.createNamespace("bad\uD800")).isInstanceOf(InvalidNamespaceException.class)
                .hasMessageContaining("unpaired surrogate at index 3");
        assertThatThrownBy(() -> store.deleteNamespace("missing")).isInstanceOf(NamespaceNotFoundException.class);
        assertThatThrownBy(() -> store.upsert("missing", vec("a", 1f)))
                .isInstanceOf(NamespaceNotFoundException.class).hasMessageContaining("'missing' does not exist");
        // The second vector is wrong: the first must not be applied either.
        assertThatThrownBy(() -> store.upsert("n", vec("c", 1f, 1f), vec("d", 1f, 2f, 3f)))
                .isInstanceOf(DimensionMismatchException.class)
                .hasMessage("vector 'd' has 3 values but namespace 'n' holds vectors of dimension 2");
        assertThatThrownBy(() -> store.upsert("n", vec("c", 1f, 1f), vec("", 1f, 2f)))
                .isInstanceOf(InvalidVectorException.class).hasMessageContaining("id must not be empty");
        assertThatThrownBy(() -> store.upsert("n", vec("c", 1f, 1f), vec("c", 1f, 2f)))
                .isInstanceOf(InvalidVectorException.class).hasMessageContaining("'c' appears twice");
        assertThatThrownBy(() -> store.upsert("n", vec("c")))
                .isInstanceOf(InvalidVectorException.class).hasMessageContaining("no values");
        assertThatThrownBy(() -> store.upsert("n", vec("c", 1f, Float.NaN)))
                .isInstanceOf(InvalidVectorException.class).hasMessageContaining("non-finite value NaN at index 1");
        assertThatThrownBy(() -> store.upsert("n", new SerializedVector("c", new float[]{1f, 2f}, "\uDC00")))
                .isInstanceOf(InvalidVectorException.class).hasMessageContaining("metadata");
        assertThatThrownBy(() -> store.delete("n", "a", "")).isInstanceOf(InvalidVectorException.class);
        assertThatThrownBy(() -> store.get("missing", "a")).isInstanceOf(NamespaceNotFoundException.class);
        assertThatThrownBy(() -> store.scan("missing")).isInstanceOf(NamespaceNotFoundException.class);
        assertThatThrownBy(() -> store.count("missing")).isInstanceOf(NamespaceNotFoundException.class);

        assertThat(contents(store)).isEqualTo(before);
    }

    @Test
    void concurrentWritersAndReadersSeeWholeUpserts() throws Exception {
        store.createNamespace("n");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        store.upsert("n", vec("t" + thread + "-" + i, i, i), vec("u" + thread + "-" + i, i, i));
                    }
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    assertThat(store.count("n") % 2).as("upserts of two vectors are atomic").isZero();
                }
            }));
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.count("n")).isEqualTo(3000);
    }
}
