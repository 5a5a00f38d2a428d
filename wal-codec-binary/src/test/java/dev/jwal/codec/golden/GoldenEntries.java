package dev.jwal.codec.golden;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;

import java.util.List;

/**
 * The fixed entries the golden files hold, in order. Never change this list:
 * the committed files were written from it. To cover something new, add a new
 * golden file version (see {@link GoldenFileGenerator}).
 */
final class GoldenEntries {
    private GoldenEntries() {
    }

    static List<WalEntry> entries() {
        return List.of(
                new WalEntry.CreateNamespace("docs"),
                new WalEntry.TxnBegin(1L),
                new WalEntry.Upsert("docs", List.of(
                        new SerializedVector("v1", new float[] {1.0f, -2.5f, 0.125f}, null),
                        new SerializedVector("v2", new float[] {0.1f, 0.2f, 0.3f}, ""),
                        new SerializedVector("v3", new float[0], "{\"title\":\"\u65E5\u672C \uD83D\uDE00\"}"))),
                new WalEntry.Upsert("floats", List.of(new SerializedVector("edges", floatEdges(), "edges"))),
                new WalEntry.Delete("docs", List.of("v1", "", "e\u0301")),
                new WalEntry.Delete("docs", List.of()),
                new WalEntry.Upsert("", List.of()),
                new WalEntry.TxnCommit(1L),
                new WalEntry.TxnBegin(-1L),
                new WalEntry.TxnRollback(Long.MIN_VALUE),
                new WalEntry.Checkpoint(12L),
                new WalEntry.Checkpoint(-1L),
                new WalEntry.DeleteNamespace("docs"));
    }

    /** Zeros of both signs, subnormals, extremes, NaN payloads and infinities, as raw bits. */
    private static float[] floatEdges() {
        int[] bits = {
            0x0000_0000, 0x8000_0000, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x0080_0000,
            0x7F7F_FFFF, 0xFF7F_FFFF, 0x33D6_BF95, 0x3DCC_CCCD, 0x3F80_0000, 0xBF80_0000,
            0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x7FC0_0001, 0xFFFF_FFFF, 0x7F80_0001,
        };
        float[] values = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            values[i] = Float.intBitsToFloat(bits[i]);
        }
        return values;
    }
}
