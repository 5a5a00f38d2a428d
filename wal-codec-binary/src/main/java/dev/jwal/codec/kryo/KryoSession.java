package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;

/**
 * What one thread needs to encode or decode: a configured {@link Kryo} and an
 * {@link Output} whose buffer is reused between entries. Not thread safe: a
 * session is used by one thread between {@link Pool#obtain()} and
 * {@link Pool#free(Object)}.
 */
final class KryoSession implements Pool.Poolable {
    /** The buffer a session starts with and shrinks back to. */
    static final int INITIAL_BUFFER = 512;

    /** A buffer grown past this (by a large entry) is dropped when the session goes back to the pool. */
    static final int MAX_RETAINED_BUFFER = 1 << 16;

    final Kryo kryo = EntryKryo.create();
    final Output output = new Output(INITIAL_BUFFER, -1);

    /** Called by the pool when the session is returned: forgets the last entry, drops an oversized buffer. */
    @Override
    public void reset() {
        if (output.getBuffer().length > MAX_RETAINED_BUFFER) {
            output.setBuffer(new byte[INITIAL_BUFFER], -1);
        }
        output.reset();
        kryo.reset();
    }
}
