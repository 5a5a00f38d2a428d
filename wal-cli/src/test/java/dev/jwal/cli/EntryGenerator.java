package dev.jwal.cli;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.codec.json.JsonEntryCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the input of a {@code wal append} session, one line at a time,
 * with the entry each line must come back as: distinct upserts whose ids
 * encode the session and sequence number, vectors of varied sizes (some of
 * 1536 floats, as real embeddings), deletes, namespace changes, transactions
 * (TxnBegin, one to four data entries, then TxnCommit or now and then
 * TxnRollback; never nested) and {@code CHECKPOINT} lines outside
 * transactions. Every line becomes exactly one record. Not thread safe.
 */
final class EntryGenerator {
    private static final JsonEntryCodec JSON = new JsonEntryCodec();
    private static final byte[] CHECKPOINT_LINE = AppendCommand.CHECKPOINT_LINE.getBytes(StandardCharsets.US_ASCII);

    /** A line to send and the entry the record it becomes must hold. */
    record Line(byte[] bytes, WalEntry entry) {
    }

    private final Random random;
    private final String session;
    private long sequence;
    private long nextTxnId;
    private long openTxn = -1;
    private int txnEntriesLeft;

    /**
     * @param random       the source of every choice, seeded by the test
     * @param session      a tag that makes the ids of this session unique
     * @param firstTxnId   the first transaction id this session uses
     */
    EntryGenerator(Random random, String session, long firstTxnId) {
        this.random = random;
        this.session = session;
        this.nextTxnId = firstTxnId;
    }

    /** The next line, which will become the record with LSN {@code lsn}. */
    Line next(long lsn) {
        if (openTxn >= 0) {
            if (txnEntriesLeft-- > 0) {
                return line(data());
            }
            long txn = openTxn;
            openTxn = -1;
            return line(random.nextInt(6) == 0 ? new WalEntry.TxnRollback(txn) : new WalEntry.TxnCommit(txn));
        }
        int dice = random.nextInt(100);
        if (dice < 4) {
            return new Line(CHECKPOINT_LINE, new WalEntry.Checkpoint(lsn));
        }
        if (dice < 14) {
            openTxn = nextTxnId++;
            txnEntriesLeft = 1 + random.nextInt(4);
            return line(new WalEntry.TxnBegin(openTxn));
        }
        return line(data());
    }

    private static Line line(WalEntry entry) {
        return new Line(JSON.encode(entry), entry);
    }

    private WalEntry data() {
        long n = sequence++;
        String namespace = "ns" + random.nextInt(3);
        int dice = random.nextInt(100);
        if (dice < 4) {
            return new WalEntry.Delete(namespace, List.of(session + "-" + (n / 2), session + "-gone-" + n));
        }
        if (dice < 6) {
            return new WalEntry.CreateNamespace(namespace + "-" + session + "-" + n);
        }
        if (dice < 7) {
            return new WalEntry.DeleteNamespace(namespace + "-" + session + "-" + n);
        }
        int vectors = random.nextInt(10) == 0 ? 2 + random.nextInt(2) : 1;
        List<SerializedVector> list = new ArrayList<>(vectors);
        for (int v = 0; v < vectors; v++) {
            String id = session + "-" + n + (v == 0 ? "" : "." + v);
            String metadata = random.nextInt(3) == 0 ? "{\"seq\":" + n + ",\"text\":\"é😀|\\n\"}" : null;
            list.add(new SerializedVector(id, values(), metadata));
        }
        return new WalEntry.Upsert(namespace, list);
    }

    private float[] values() {
        int dice = random.nextInt(100);
        int dimension = dice < 6 ? 1536 : dice < 9 ? 0 : 1 + random.nextInt(48);
        float[] values = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            values[i] = random.nextInt(20) == 0 ? Float.intBitsToFloat(random.nextInt() & 0xff7fffff)
                    : (float) random.nextGaussian();
        }
        return values;
    }
}
