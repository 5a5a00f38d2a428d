package dev.jwal.core.write;

import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.io.LogFileSystem.AppendableFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The writer's staging buffer: records are framed into it back to back, and it
 * goes to the segment with one write when it is full or the batch ends. It is
 * direct and reused, so an append allocates nothing beyond its payload here, and
 * the channel writes it without the copy into a temporary direct buffer that a
 * heap buffer costs. It grows with the records, up to {@link #MAX_CAPACITY}; a
 * record larger than that is written from its own array. Not thread safe: the
 * writer uses it under its lock.
 */
final class RecordBuffer {
    static final int INITIAL_CAPACITY = 64 * 1024;
    static final int MAX_CAPACITY = 4 * 1024 * 1024;

    private final RecordFraming framing;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer[] single = new ByteBuffer[1];
    private final ByteBuffer[] headerAndPayload = new ByteBuffer[2];
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);

    /** How records are laid out. */
    RecordFraming framing() {
        return framing;
    }

    RecordBuffer(RecordFraming framing) {
        this.framing = framing;
    }

    /**
     * Frames record {@code lsn} into the buffer, first writing what it holds to {@code out} if it has no room.
     *
     * @return the record's size in bytes
     */
    int add(long lsn, byte[] payload, AppendableFile out) throws IOException {
        int size = framing.recordSize(lsn, payload.length);
        if (size > buffer.remaining()) {
            flush(out);
            grow(size);
        }
        boolean fits = size <= buffer.remaining();
        framing.putHeader(lsn, payload, buffer, crc);
        if (fits) {
            buffer.put(payload);
        } else {
            writeWithPayload(payload, out);
        }
        framing.putTrailer(buffer);
        return size;
    }

    /** Writes what the buffer holds to {@code out}; the buffer is empty afterwards, even if the write failed. */
    void flush(AppendableFile out) throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            single[0] = buffer;
            try {
                out.write(single);
            } finally {
                buffer.clear();
            }
        }
    }

    /** Larger for a record of {@code size} bytes, up to the maximum; called when empty. */
    private void grow(int size) {
        if (size > buffer.capacity() && buffer.capacity() < MAX_CAPACITY) {
            int capacity = Math.min(MAX_CAPACITY, Integer.highestOneBit(size - 1) << 1);
            buffer = ByteBuffer.allocateDirect(capacity);
        }
    }

    /** A payload larger than the buffer: the header already in it, then the payload from its own array. */
    private void writeWithPayload(byte[] payload, AppendableFile out) throws IOException {
        buffer.flip();
        headerAndPayload[0] = buffer;
        headerAndPayload[1] = ByteBuffer.wrap(payload);
        try {
            out.write(headerAndPayload);
        } finally {
            headerAndPayload[1] = null;
            buffer.clear();
        }
    }
}
