package dev.jwal.core;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.segment.RecordFraming;

/**
 * Turns an entry into the payload of one record, refusing before anything is written what the log cannot
 * hold: what the codec cannot represent, a payload over the record size limit, one the framing cannot hold
 * (a line break in the lines format). Stateless as far as the codec is; thread safe.
 */
final class EntryEncoder {
    private final EntryCodec codec;
    private final RecordFraming framing;
    private final int maxRecordSize;

    EntryEncoder(EntryCodec codec, RecordFraming framing, int maxRecordSize) {
        this.codec = codec;
        this.framing = framing;
        this.maxRecordSize = maxRecordSize;
    }

    /**
     * @throws EntryRejectedException naming why the entry cannot be written
     */
    byte[] encode(WalEntry entry) {
        byte[] payload = codec.encode(entry);
        if (payload.length > maxRecordSize) {
            throw new EntryRejectedException(String.format("encoded entry is %,d bytes, over the record size limit "
                    + "of %,d bytes (maxRecordSize)", payload.length, maxRecordSize));
        }
        framing.check(payload);
        return payload;
    }

    /** The codec's name, for messages. */
    String codecName() {
        return codec.name();
    }
}
