package dev.jwal.bookkeeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a log on BookKeeper is, kept as JSON in its znode and changed only by compare-and-set on the znode's
 * version: its ledgers in LSN order, each with its LSN range, and the last checkpoint. Immutable.
 *
 * <pre>
 * {"format":1,"checkpointLsn":-1,"ledgers":[
 *   {"ledgerId":12,"firstLsn":0,"lastLsn":99,"closed":true,"codec":"json","bytes":5120},
 *   {"ledgerId":15,"firstLsn":100,"lastLsn":-1,"closed":false,"codec":"json","bytes":0}]}
 * </pre>
 *
 * @param format        the metadata format version, {@link #FORMAT}
 * @param checkpointLsn the LSN of the last persisted checkpoint, or -1
 * @param ledgers       the ledgers in LSN order; only the last may be open; ranges follow one another
 */
public record LogMetadata(int format, long checkpointLsn, List<LedgerRange> ledgers) {
    /** The format this version writes and reads. */
    public static final int FORMAT = 1;
    /** A znode holds at most 1 MB; metadata larger than this is refused before writing. */
    static final int MAX_BYTES = 1000 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /**
     * Copies the list.
     *
     * @throws NullPointerException if {@code ledgers} is null
     */
    public LogMetadata {
        ledgers = List.copyOf(Objects.requireNonNull(ledgers, "ledgers"));
    }

    /** A log with no ledger and no checkpoint. */
    static LogMetadata empty() {
        return new LogMetadata(FORMAT, -1, List.of());
    }

    /** The last ledger, or null. */
    LedgerRange last() {
        return ledgers.isEmpty() ? null : ledgers.get(ledgers.size() - 1);
    }

    /** The LSN the first record after the closed ledgers gets: where a new writer continues. */
    long nextLsnAfterClosed() {
        LedgerRange last = last();
        if (last == null) {
            return 0;
        }
        if (!last.closed()) {
            throw new IllegalStateException("ledger " + last.ledgerId() + " is still open");
        }
        return last.lastLsn() + 1;
    }

    /** The LSN of the oldest record still listed, or -1 when no ledger holds one. */
    long firstLsn() {
        for (LedgerRange ledger : ledgers) {
            if (!ledger.closed() || ledger.records() > 0) {
                return ledger.firstLsn();
            }
        }
        return -1;
    }

    /** These ledgers with the last one replaced. */
    LogMetadata withLast(LedgerRange replacement) {
        List<LedgerRange> changed = new ArrayList<>(ledgers);
        changed.set(changed.size() - 1, replacement);
        return new LogMetadata(format, checkpointLsn, changed);
    }

    /** These ledgers without the last one. */
    LogMetadata withoutLast() {
        return new LogMetadata(format, checkpointLsn, ledgers.subList(0, ledgers.size() - 1));
    }

    /** These ledgers and one more. */
    LogMetadata with(LedgerRange added) {
        List<LedgerRange> changed = new ArrayList<>(ledgers);
        changed.add(added);
        return new LogMetadata(format, checkpointLsn, changed);
    }

    /** Without the first {@code count} ledgers. */
    LogMetadata withoutFirst(int count) {
        return new LogMetadata(format, checkpointLsn, ledgers.subList(count, ledgers.size()));
    }

    /** With another checkpoint. */
    LogMetadata withCheckpoint(long lsn) {
        return new LogMetadata(format, lsn, ledgers);
    }

    /**
     * The JSON kept in the znode.
     *
     * @param znode for the message if it is too large
     */
    byte[] toBytes(String znode) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(this);
            if (bytes.length > MAX_BYTES) {
                throw new CorruptLogMetadataException(znode, String.format("%,d bytes of metadata (%d ledgers) "
                        + "exceed what a znode holds; truncate the log", bytes.length, ledgers.size()), null);
            }
            return bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata did not serialize", e);
        }
    }

    /**
     * Parses and checks the JSON of a znode.
     *
     * @throws CorruptLogMetadataException naming the znode and what is wrong
     */
    static LogMetadata parse(byte[] bytes, String znode) {
        LogMetadata metadata;
        try {
            metadata = JSON.readValue(bytes, LogMetadata.class);
        } catch (IOException e) {
            throw new CorruptLogMetadataException(znode, "not jwal's log metadata: " + e.getMessage(), e);
        }
        if (metadata == null) {
            throw new CorruptLogMetadataException(znode, "the znode is empty", null);
        }
        metadata.check(znode);
        return metadata;
    }

    private void check(String znode) {
        if (format != FORMAT) {
            throw new CorruptLogMetadataException(znode, "format " + format + ", this version reads format " + FORMAT,
                    null);
        }
        long expected = -1;
        for (int i = 0; i < ledgers.size(); i++) {
            LedgerRange ledger = ledgers.get(i);
            if (ledger.codec() == null || ledger.firstLsn() < 0 || (expected >= 0 && ledger.firstLsn() != expected)) {
                throw new CorruptLogMetadataException(znode, "ledger " + ledger.ledgerId() + " starts at LSN "
                        + ledger.firstLsn() + " but LSN " + expected + " was expected (or it names no codec)", null);
            }
            if (!ledger.closed() && i != ledgers.size() - 1) {
                throw new CorruptLogMetadataException(znode, "ledger " + ledger.ledgerId() + " is open but not last",
                        null);
            }
            if (ledger.closed() && ledger.lastLsn() < ledger.firstLsn() - 1) {
                throw new CorruptLogMetadataException(znode, "ledger " + ledger.ledgerId() + " ends at LSN "
                        + ledger.lastLsn() + ", before it starts at " + ledger.firstLsn(), null);
            }
            expected = ledger.closed() ? ledger.lastLsn() + 1 : -1;
        }
    }
}
