package dev.jwal.api.codec;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;

import java.util.List;

/**
 * What decoding one record may cost in memory: at most {@value #FACTOR} times
 * its payload plus {@value #SLACK} bytes, by a fixed estimate of the objects
 * decoding makes ({@link #vectorCost}, {@link #listedStringCost}: a few dozen
 * bytes per vector or id, plus its text and values). Without it, a crafted
 * record of empty vectors (3 bytes each in kryo) allocated over 100 times
 * its size. A decoder {@linkplain #charge charges} each item as it reads it and
 * fails with {@link CodecException} once over budget; an encoder
 * {@linkplain #checkEncodable checks} the same estimate, so that every record
 * written can be read back. Only entries made mostly of tiny items (tens of
 * thousands of vectors or ids of one to three characters) are refused. Every
 * codec of this project uses it; a third party's codec should, so that a
 * crafted record is a {@link CodecException}, never an out-of-memory error.
 * Not thread safe: one per decode.
 */
public final class DecodeBudget {
    /** Decoded bytes allowed per payload byte. */
    public static final int FACTOR = 16;
    /** Decoded bytes every record may use whatever its size. */
    public static final long SLACK = 1 << 20;

    private static final int REFERENCE = 8;
    private static final int STRING = 40;
    private static final int VECTOR = 24;
    private static final int ARRAY = 16;

    private final long limit;
    private final int payloadLength;
    private long used;

    /**
     * A budget for decoding a payload of {@code payloadLength} bytes.
     *
     * @param payloadLength the payload's length in bytes
     */
    public DecodeBudget(int payloadLength) {
        this.payloadLength = payloadLength;
        this.limit = limit(payloadLength);
    }

    /**
     * Counts {@code bytes} more of decoded objects: those of item {@code index} of {@code what}.
     *
     * @param bytes the estimated cost of the item, e.g. {@link #vectorCost}
     * @param what  what the item is part of, for the message (e.g. {@code "vectors"})
     * @param index the item's index, for the message; negative for none
     * @throws CodecException once the record has cost more than its budget; names the item
     */
    public void charge(long bytes, String what, int index) {
        used += bytes;
        if (used > limit) {
            throw new CodecException("the record would take more than " + limit + " bytes of memory to decode ("
                    + FACTOR + " times its " + payloadLength + "-byte payload plus " + SLACK + "), reached at "
                    + what + (index >= 0 ? " " + index : "") + ": a crafted or damaged record of tiny items");
        }
    }

    /**
     * The estimate for one vector in a list: the list's reference, the vector, its values, id and metadata.
     *
     * @param id        the vector's id
     * @param dimension the number of values
     * @param metadata  the metadata, or null
     * @return the estimated bytes
     */
    public static long vectorCost(String id, int dimension, String metadata) {
        return REFERENCE + VECTOR + ARRAY + 4L * dimension + STRING + id.length()
                + (metadata == null ? 0 : STRING + metadata.length());
    }

    /**
     * The estimate for one string in a list (a Delete's id): the list's reference and the string.
     *
     * @param text the string
     * @return the estimated bytes
     */
    public static long listedStringCost(String text) {
        return REFERENCE + STRING + text.length();
    }

    /**
     * The estimate a decoder charges for {@code entry}'s vectors or ids.
     *
     * @param entry the entry
     * @return the sum of {@link #vectorCost} or {@link #listedStringCost} over its items; 0 for other entries
     */
    public static long costOf(WalEntry entry) {
        long cost = 0;
        if (entry instanceof WalEntry.Upsert upsert) {
            for (SerializedVector vector : upsert.vectors()) {
                cost += vectorCost(vector.id(), vector.dimension(), vector.metadata());
            }
        } else if (entry instanceof WalEntry.Delete delete) {
            List<String> ids = delete.ids();
            for (String id : ids) {
                cost += listedStringCost(id);
            }
        }
        return cost;
    }

    /**
     * Checks, before an entry is written, that it can be read back within its budget.
     *
     * @param entry         the entry to be written
     * @param payloadLength the length of its encoded payload
     * @param codec         the codec's name, for the message
     * @throws EntryRejectedException if decoding {@code entry} from a payload of {@code payloadLength} bytes
     *         would cost more than the budget, so that it would be written but never read back
     */
    public static void checkEncodable(WalEntry entry, int payloadLength, String codec) {
        checkEncodable(entry, costOf(entry), payloadLength, codec);
    }

    /**
     * As {@link #checkEncodable(WalEntry, int, String)}, with the decode's estimate already known.
     *
     * @param entry         the entry to be written
     * @param cost          its estimate, as {@link #costOf(WalEntry)}
     * @param payloadLength the length of its encoded payload
     * @param codec         the codec's name, for the message
     * @throws EntryRejectedException if {@code cost} is over the budget of a {@code payloadLength}-byte payload
     */
    public static void checkEncodable(WalEntry entry, long cost, int payloadLength, String codec) {
        if (cost > limit(payloadLength)) {
            throw new EntryRejectedException("cannot encode " + entry.getClass().getSimpleName() + " as " + codec
                    + ": reading it back would take about " + cost + " bytes of memory, more than the " + FACTOR
                    + " times its " + payloadLength + "-byte payload plus " + SLACK + " any record may cost; "
                    + "it holds too many tiny vectors or ids: split it into several entries");
        }
    }

    private static long limit(int payloadLength) {
        return FACTOR * (long) payloadLength + SLACK;
    }
}
