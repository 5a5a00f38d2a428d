package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.Pool;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.codec.DecodeBudget;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code kryo} codec: each entry as a compact Kryo 5 payload.
 *
 * <p><b>Format (version 1).</b> The entry type's fixed Kryo registration id
 * (an unsigned varint of id + 2; ids 16 to 23 for Upsert, Delete,
 * CreateNamespace, DeleteNamespace, Checkpoint, TxnBegin, TxnCommit,
 * TxnRollback), then its fields in a fixed order written by a hand-written
 * serializer per type: strings in Kryo's string encoding (any Java string,
 * unpaired surrogates included; null metadata apart from empty), counts as
 * varints, float values as their raw IEEE 754 bits (every bit pattern, NaN
 * payloads included, comes back), LSNs and transaction ids as unsigned
 * varlongs. Nothing is written by reflection; no class name is ever written or
 * read.
 *
 * <p><b>Encoding</b> accepts every entry but one that would cost more memory
 * to read back than {@link DecodeBudget} allows (tens of thousands of tiny
 * vectors or ids in one entry), refused with {@link EntryRejectedException}.
 *
 * <p><b>Decoding</b> reads untrusted bytes safely: every length is checked
 * against the bytes left before anything is allocated, only the eight entry
 * types are accepted, trailing bytes are an error, and a record whose decoded
 * vectors and ids would cost more than its {@link DecodeBudget} is refused. Any failure is a
 * {@link CodecException}, never another runtime exception.
 *
 * <p><b>Speed.</b> A vector's float values are moved in one bulk copy each
 * way (through a little-endian {@link java.nio.FloatBuffer} view of the
 * bytes), the same bytes a per-float loop writes. Encoding allocates nothing
 * but the returned payload (the session's views of its output buffer are kept
 * with it); decoding allocates the entry and a few small objects.
 *
 * <p><b>Thread safety.</b> Thread safe: Kryo instances are not, so each call
 * takes one (with its output buffer and input) from a {@link Pool} (guarded by
 * its monitor) and returns it after;
 * concurrent calls get different instances. A returned instance is reset
 * (and an oversized buffer dropped), whether its call succeeded or not.
 */
public final class KryoEntryCodec implements EntryCodec {
    /** The name logs and {@link dev.jwal.api.codec.Codecs#byName(String)} know this codec by. */
    public static final String NAME = "kryo";

    /** The payload format version. */
    public static final int FORMAT_VERSION = 1;

    /** Free Kryo instances kept for reuse; more are made when every kept one is in use. */
    private static final int POOL_CAPACITY = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final AtomicInteger sessionsCreated = new AtomicInteger();
    /**
     * Kryo's unsynchronized pool (an array deque, which allocates nothing once
     * grown) used only while holding its monitor; Kryo's thread-safe pool is a
     * linked queue that allocates a node on every {@code free}.
     */
    private final Pool<KryoSession> sessions = new Pool<>(false, false, POOL_CAPACITY) {
        @Override
        protected KryoSession create() {
            return newSession();
        }

        @Override
        protected void reset(KryoSession session) {
            // free(KryoSession) has reset it, outside the lock.
        }
    };

    /** Creates the codec with an empty pool. Also the ServiceLoader's constructor. */
    public KryoEntryCodec() {
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return {@value #FORMAT_VERSION} */
    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    /** @return false: payloads are binary */
    @Override
    public boolean writesSingleLineText() {
        return false;
    }

    /**
     * The entry's Kryo payload.
     *
     * @throws EntryRejectedException if reading the payload back would cost more than its {@link DecodeBudget}
     * @throws NullPointerException if {@code entry} is null
     */
    @Override
    public byte[] encode(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        KryoSession session = obtain();
        try {
            EntryKryo.write(session.kryo, session.output, entry);
            byte[] payload = session.output.toBytes();
            DecodeBudget.checkEncodable(entry, payload.length, NAME);
            return payload;
        } catch (KryoException e) {
            // Every entry is representable; this would be a bug in a serializer.
            throw new IllegalStateException("Kryo failed to write " + entry.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            // free() resets the Kryo and the buffer, whatever happened.
            free(session);
        }
    }

    /**
     * Reads one entry from {@code length} bytes of {@code payload} from {@code offset}.
     *
     * @throws CodecException            if the bytes are not exactly one entry this codec wrote
     * @throws IndexOutOfBoundsException if the range is outside {@code payload}
     * @throws NullPointerException      if {@code payload} is null
     */
    @Override
    public WalEntry decode(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        KryoSession session = obtain();
        try {
            Input input = session.input.over(payload, offset, length);
            WalEntry entry = EntryKryo.read(session.kryo, input);
            int trailing = input.limit() - input.position();
            if (trailing != 0) {
                throw new CodecException(trailing + " bytes follow the " + entry.getClass().getSimpleName() + " entry");
            }
            return entry;
        } catch (CodecException e) {
            throw e;
        } catch (KryoException e) {
            throw new CodecException("not a valid kryo payload: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A record constructor refusing a value, or any other surprise: still bad input, never leaked.
            throw new CodecException("not a valid kryo payload: " + e, e);
        } finally {
            // free() resets the Kryo and the buffer, whatever happened.
            free(session);
        }
    }

    /** A free session, or a new one (made outside the lock) when every kept one is in use. */
    private KryoSession obtain() {
        synchronized (sessions) {
            if (sessions.getFree() > 0) {
                return sessions.obtain();
            }
        }
        return newSession();
    }

    private KryoSession newSession() {
        sessionsCreated.incrementAndGet();
        return new KryoSession();
    }

    /** Resets the session (outside the lock) and gives it back; the pool drops it if it already keeps enough. */
    private void free(KryoSession session) {
        session.reset();
        synchronized (sessions) {
            sessions.free(session);
        }
    }

    @Override
    public String toString() {
        return "KryoEntryCodec[" + NAME + " v" + FORMAT_VERSION + "]";
    }

    /** How many Kryo instances this codec has made (for tests of the pool). */
    int sessionsCreated() {
        return sessionsCreated.get();
    }

    /** How many Kryo instances wait in the pool (for tests of the pool). */
    int sessionsFree() {
        synchronized (sessions) {
            return sessions.getFree();
        }
    }
}
