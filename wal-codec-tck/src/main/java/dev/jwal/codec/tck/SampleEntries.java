package dev.jwal.codec.tck;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries the kit round-trips and mutates. Every value is valid for any
 * conforming codec: finite floats and valid Unicode only. Every method returns
 * fresh, immutable values. Stateless and thread safe.
 */
public final class SampleEntries {
    private SampleEntries() {
    }

    /** One entry of each of the eight types, with non-trivial content. */
    public static List<WalEntry> oneOfEachType() {
        return List.of(
                upsert(),
                new WalEntry.Delete("docs", List.of("v1", "v2", "\u65E5\u672C")),
                new WalEntry.CreateNamespace("docs"),
                new WalEntry.DeleteNamespace("old-docs"),
                new WalEntry.Checkpoint(42L),
                new WalEntry.TxnBegin(7L),
                new WalEntry.TxnCommit(7L),
                new WalEntry.TxnRollback(8L));
    }

    /** An upsert of three vectors: without metadata, with empty metadata, with JSON metadata. */
    public static WalEntry.Upsert upsert() {
        return new WalEntry.Upsert("docs", List.of(
                new SerializedVector("v1", new float[] {1.0f, -2.5f, 0.125f}, null),
                new SerializedVector("v2", new float[] {0.1f, 0.2f, 0.3f}, ""),
                new SerializedVector("v3", new float[] {3.0f}, "{\"title\":\"a \\\"quoted\\\" word\",\"n\":1}")));
    }

    /** Entries with nothing in them: no vectors, no values, no ids, empty strings. */
    public static List<WalEntry> emptyShapes() {
        return List.of(
                new WalEntry.Upsert("docs", List.of()),
                new WalEntry.Upsert("docs", List.of(new SerializedVector("v", new float[0], null))),
                new WalEntry.Upsert("", List.of(new SerializedVector("", new float[0], ""))),
                new WalEntry.Delete("docs", List.of()),
                new WalEntry.Delete("", List.of("")),
                new WalEntry.CreateNamespace(""),
                new WalEntry.DeleteNamespace(""));
    }

    /** An upsert of one vector of {@value SampleValues#LARGE_VECTOR_DIMENSION} values. */
    public static WalEntry.Upsert largeUpsert() {
        return new WalEntry.Upsert("embeddings", List.of(
                new SerializedVector("doc-0001", SampleValues.largeVectorValues(), "{\"source\":\"large\"}")));
    }

    /** {@code text} in every string field an entry has: namespace, vector id, metadata and deleted id. */
    public static List<WalEntry> withTextEverywhere(String text) {
        return List.of(
                new WalEntry.Upsert(text, List.of(new SerializedVector(text, new float[] {1.0f}, text))),
                new WalEntry.Delete(text, List.of(text, "other")),
                new WalEntry.CreateNamespace(text),
                new WalEntry.DeleteNamespace(text));
    }

    /** An upsert holding {@code values} in one vector. */
    public static WalEntry.Upsert upsertOf(float... values) {
        return new WalEntry.Upsert("floats", List.of(new SerializedVector("f", values, null)));
    }

    /** The four entries that carry an unsigned 64-bit number, each holding {@code value}. */
    public static List<WalEntry> withUnsignedNumber(long value) {
        return List.of(
                new WalEntry.Checkpoint(value),
                new WalEntry.TxnBegin(value),
                new WalEntry.TxnCommit(value),
                new WalEntry.TxnRollback(value));
    }

    /**
     * Everything above in one list: each type, the empty shapes, the large
     * upsert, every Unicode sample, the long strings, the finite edge floats
     * and every unsigned sample. What the determinism, offset and
     * line-break tests run over.
     */
    public static List<WalEntry> all() {
        List<WalEntry> all = new ArrayList<>(oneOfEachType());
        all.addAll(emptyShapes());
        all.add(largeUpsert());
        for (String text : SampleValues.unicodeStrings()) {
            all.addAll(withTextEverywhere(text));
        }
        all.addAll(withTextEverywhere(SampleValues.longAsciiString()));
        all.addAll(withTextEverywhere(SampleValues.longUnicodeString()));
        all.add(upsertOf(SampleValues.finiteEdgeFloats()));
        for (long value : SampleValues.unsignedLongs()) {
            all.addAll(withUnsignedNumber(value));
        }
        return List.copyOf(all);
    }

    /**
     * Small entries whose payloads the robustness tests truncate and flip bits
     * in: each type, the empty shapes, some Unicode and edge floats, the
     * extreme unsigned numbers.
     */
    public static List<WalEntry> mutationSeeds() {
        List<WalEntry> seeds = new ArrayList<>(oneOfEachType());
        seeds.addAll(emptyShapes());
        seeds.addAll(withTextEverywhere("\u65E5\u672C \uD83D\uDE00 e\u0301"));
        seeds.add(upsertOf(SampleValues.finiteEdgeFloats()));
        seeds.addAll(withUnsignedNumber(-1L));
        seeds.addAll(withUnsignedNumber(Long.MIN_VALUE));
        return List.copyOf(seeds);
    }
}
