package dev.jwal.bench;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.config.SegmentFormat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes jwal writes for an entry, built here from docs/FORMAT.md rather than by wal-core, so the raw
 * baselines write exactly what the log writes without sharing its code: {@code LSN|payload\n} for
 * {@code lines}, and length, CRC32C, LSN, payload for {@code framed}.
 */
public final class RecordBytes {
    private static final int FRAMED_RECORD_HEADER = 16;

    private RecordBytes() {
    }

    /** One record per entry of {@link BenchEntries#pool(int)}, with LSNs 0 to 63, ready to write. */
    public static ByteBuffer[] pool(Layout layout, int dimension) {
        EntryCodec codec = Codecs.byName(layout.codec());
        WalEntry.Upsert[] entries = BenchEntries.pool(dimension);
        ByteBuffer[] records = new ByteBuffer[entries.length];
        for (int i = 0; i < entries.length; i++) {
            records[i] = ByteBuffer.wrap(record(layout.format(), i, codec.encode(entries[i])));
        }
        return records;
    }

    /** The mean size in bytes of the records of {@link #pool(Layout, int)}. */
    public static double meanSize(Layout layout, int dimension) {
        long total = 0;
        ByteBuffer[] records = pool(layout, dimension);
        for (ByteBuffer record : records) {
            total += record.remaining();
        }
        return (double) total / records.length;
    }

    /** The record of {@code payload} at {@code lsn} in {@code format}. */
    public static byte[] record(SegmentFormat format, long lsn, byte[] payload) {
        if (format == SegmentFormat.LINES) {
            byte[] prefix = (lsn + "|").getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[prefix.length + payload.length + 1];
            System.arraycopy(prefix, 0, line, 0, prefix.length);
            System.arraycopy(payload, 0, line, prefix.length, payload.length);
            line[line.length - 1] = '\n';
            return line;
        }
        ByteBuffer record = ByteBuffer.allocate(FRAMED_RECORD_HEADER + payload.length);
        record.putInt(payload.length).putInt(0).putLong(lsn).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 8, 8 + payload.length);
        record.putInt(4, (int) crc.getValue());
        return record.array();
    }
}
