package dev.jwal.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jwal.api.SerializedVector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one thread reuses from entry to entry while encoding: the output
 * buffer, the Jackson generator writing into it (the factory writes no
 * separator between root values, so one generator writes entry after entry)
 * and the text of a vector's values. An encode then allocates only the
 * payload it returns, plus the short strings Jackson's float writer makes.
 * Not thread safe: one per thread, from {@link #forThisThread()}.
 */
final class EncodeScratch {
    /** Scratch that grew past this many bytes is dropped after the entry instead of being kept per thread. */
    static final int MAX_RETAINED_BYTES = 1 << 20;
    private static final ThreadLocal<EncodeScratch> SCRATCH = new ThreadLocal<>();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private final JsonGenerator generator;
    private final FloatArrayText floats = new FloatArrayText();

    private EncodeScratch() {
        try {
            generator = JsonFactories.FACTORY.createGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a JSON generator over memory", e);
        }
    }

    /** This thread's scratch, made on first use. */
    static EncodeScratch forThisThread() {
        EncodeScratch scratch = SCRATCH.get();
        if (scratch == null) {
            scratch = new EncodeScratch();
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    /**
     * Drops this thread's scratch: after a failed write (its generator may be
     * inside an object) or a very large entry (not worth keeping per thread).
     */
    static void discardThisThreads() {
        SCRATCH.remove();
    }

    JsonGenerator generator() {
        return generator;
    }

    /**
     * Writes a vector's values array where the generator expects a value (after
     * the {@code values} field name). The generator is told a value was written
     * (an empty raw value, so its context moves on) and flushed; then the
     * array's bytes go straight into the buffer after what it wrote.
     */
    void writeValues(SerializedVector vector) throws IOException {
        floats.set(vector);
        generator.writeRawValue("");
        generator.flush();
        buffer.write(floats.bytes(), 0, floats.length());
    }

    /** The bytes written since the last call, as a new array; the buffer is then empty again. */
    byte[] takeBytes() throws IOException {
        generator.flush();
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    /** Whether this scratch grew too large to be kept for the next entry. */
    boolean oversized(int lastPayloadBytes) {
        return lastPayloadBytes > MAX_RETAINED_BYTES || floats.capacity() > MAX_RETAINED_BYTES;
    }
}
