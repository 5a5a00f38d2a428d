package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.util.Pool;

/**
 * What one thread needs to encode or decode: a configured {@link Kryo}, an
 * {@link EntryOutput} whose buffer is reused between entries, and an
 * {@link EntryInput} reused over each payload decoded. Not thread safe: a
 * session is used by one thread between {@link Pool#obtain()} and
 * {@link Pool#free(Object)}.
 */
final class KryoSession implements Pool.Poolable {
    /** The buffer a session starts with and shrinks back to. */
    static final int INITIAL_BUFFER = 512;

    /** A buffer grown past this (by a large entry) is dropped when the session goes back to the pool. */
    static final int MAX_RETAINED_BUFFER = 1 << 16;

    final Kryo kryo = EntryKryo.create();
    final EntryOutput output = new EntryOutput(INITIAL_BUFFER);
    final EntryInput input = new EntryInput();

    /**
     * Called by the pool when the session is returned: forgets the last entry,
     * drops an oversized output buffer, and lets go of the last payload read
     * and of an oversized character buffer (so a pooled session never keeps a
     * caller's array or a long string's buffer alive).
     */
    @Override
    public void reset() {
        if (output.getBuffer().length > MAX_RETAINED_BUFFER) {
            output.setBuffer(new byte[INITIAL_BUFFER], -1);
        }
        output.reset();
        input.release();
        kryo.reset();
    }
}
