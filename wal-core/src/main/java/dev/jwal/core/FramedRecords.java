package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.framed.FramedFormat;
import dev.jwal.core.framed.FramedFraming;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Runs of {@code framed} records (docs/FORMAT.md: payload length, CRC32C of LSN and payload, LSN, payload) kept
 * outside a segment file: how a log stored elsewhere than in a directory (wal-bookkeeper keeps one run per
 * BookKeeper entry) holds the same records with the same checks and the same codecs. A run has no segment
 * header: whoever stores it records the codec's name beside it.
 *
 * <p>Thread safe as far as the codec is (codecs must be).
 */
public final class FramedRecords {
    private final EntryCodec codec;
    private final int maxRecordSize;
    private final EntryEncoder encoder;

    /**
     * Records of one codec.
     *
     * @param codec         encodes and decodes the payloads
     * @param maxRecordSize the largest payload written or read, as {@link dev.jwal.api.config.WalConfig#maxRecordSize()}
     */
    public FramedRecords(EntryCodec codec, int maxRecordSize) {
        this.codec = codec;
        this.maxRecordSize = maxRecordSize;
        this.encoder = new EntryEncoder(codec, new FramedFraming(codec.name(), codec.formatVersion()), maxRecordSize);
    }

    /**
     * The payload of one entry, refused before anything is written if the codec cannot represent it or it is
     * over the record size limit.
     *
     * @param entry the entry
     * @return the codec's bytes
     * @throws EntryRejectedException naming why
     */
    public byte[] payload(WalEntry entry) {
        return encoder.encode(entry);
    }

    /**
     * The bytes a run of records takes.
     *
     * @param payloads the payloads, as {@link #payload} made them
     * @return bytes of the run
     */
    public static long size(List<byte[]> payloads) {
        long size = 0;
        for (byte[] payload : payloads) {
            size += FramedFormat.RECORD_HEADER + payload.length;
        }
        return size;
    }

    /**
     * Frames payloads as one run of records with contiguous LSNs.
     *
     * @param firstLsn the first payload's LSN
     * @param payloads the payloads in LSN order
     * @return the run's bytes
     * @throws IllegalArgumentException if the run would be over 2 GiB
     */
    public static byte[] encode(long firstLsn, List<byte[]> payloads) {
        long size = size(payloads);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format("a run of %,d bytes is too large", size));
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        CRC32C crc = new CRC32C();
        long lsn = firstLsn;
        for (byte[] payload : payloads) {
            FramedFormat.putRecordHeader(out, lsn++, payload, crc);
            out.put(payload);
        }
        return out.array();
    }

    /**
     * The records of a run, each checked (length bound, CRC32C, LSN contiguous from {@code firstLsn}) before its
     * payload reaches the codec.
     *
     * @param run      the run's bytes, whole
     * @param firstLsn the LSN its first record must have, or -1 to accept any
     * @param place    where the run is kept, for messages (e.g. a ledger and entry)
     * @return the records in LSN order; never empty
     * @throws CorruptLogException naming {@code place}, the byte offset in the run and the LSN, on any damage
     */
    public List<LogRecord> decode(byte[] run, long firstLsn, Path place) {
        List<LogRecord> records = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(run);
        CRC32C crc = new CRC32C();
        long expected = firstLsn;
        while (in.hasRemaining()) {
            int offset = in.position();
            if (in.remaining() < FramedFormat.RECORD_HEADER) {
                throw corrupt(place, offset, expected, String.format("incomplete record header: %d of %d bytes",
                        in.remaining(), FramedFormat.RECORD_HEADER), null);
            }
            long length = in.getInt() & 0xffffffffL;
            long storedCrc = in.getInt() & 0xffffffffL;
            long lsn = in.getLong();
            if (length > maxRecordSize || length > in.remaining()) {
                throw corrupt(place, offset, expected, String.format("record length %,d is over the limit of %,d "
                        + "bytes or the %,d bytes left in the run", length, maxRecordSize, in.remaining()), null);
            }
            crc.reset();
            crc.update(run, offset + 8, 8 + (int) length);
            if (crc.getValue() != storedCrc) {
                throw corrupt(place, offset, expected, String.format("checksum mismatch: stored %08x, computed %08x",
                        storedCrc, crc.getValue()), null);
            }
            if (expected >= 0 && lsn != expected) {
                throw corrupt(place, offset, expected, "record carries LSN " + lsn, null);
            }
            WalEntry entry;
            try {
                entry = codec.decode(run, in.position(), (int) length);
            } catch (CodecException e) {
                throw corrupt(place, offset, lsn, "payload passes its checksum but codec '" + codec.name()
                        + "' cannot decode it: " + e.getMessage(), e);
            }
            in.position(in.position() + (int) length);
            records.add(new LogRecord(lsn, entry));
            expected = lsn + 1;
        }
        if (records.isEmpty()) {
            throw corrupt(place, 0, firstLsn, "an empty run holds no record", null);
        }
        return records;
    }

    /**
     * The LSN of a run's first record, from its header alone (for a search by LSN over many runs).
     *
     * @param run   the run's bytes
     * @param place where the run is kept, for messages
     * @return the LSN
     * @throws CorruptLogException if the run is shorter than a record header
     */
    public static long firstLsn(byte[] run, Path place) {
        if (run.length < FramedFormat.RECORD_HEADER) {
            throw corrupt(place, 0, -1, String.format("incomplete record header: %d of %d bytes", run.length,
                    FramedFormat.RECORD_HEADER), null);
        }
        return ByteBuffer.wrap(run).getLong(8);
    }

    private static CorruptLogException corrupt(Path place, long offset, long lsn, String detail, Throwable cause) {
        return new CorruptLogException(place, offset, lsn, CorruptLogException.Kind.CORRUPT_RECORD, detail, cause);
    }

    /**
     * The codec's name, to be stored beside the runs.
     *
     * @return the name
     */
    public String codecName() {
        return codec.name();
    }
}
