package dev.jwal.core.read;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Finds where the run of zero bytes that ends a segment starts, for the readers of both formats: room
 * preallocated and never written, which a writer that did not close leaves (no record, in either format, ends in
 * a zero byte). Reads back from the end, a page first, so a segment that does not end in zeros costs one small
 * read. Stateless.
 */
public final class TrailingZeros {
    private static final int FIRST_CHUNK = ZeroPages.PAGE;
    private static final int CHUNK = 1 << 20;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TrailingZeros() {
    }

    /**
     * Where the zeros that end {@code [from, end)} of {@code channel} start: {@code end} if the byte before it is
     * not zero, {@code from} if every byte is. Bytes the file no longer holds (cut while this reads) count as
     * not there: the run is looked for in what is left.
     *
     * @throws IOException if the file cannot be read
     */
    public static long start(FileChannel channel, long from, long end) throws IOException {
        long at = end;
        ByteBuffer chunk = ByteBuffer.allocate(FIRST_CHUNK);
        while (at > from) {
            int length = (int) Math.min(chunk.capacity(), at - from);
            chunk.clear().limit(length);
            if (!readFully(channel, chunk, at - length)) {
                long size = channel.size();
                if (size >= at) {
                    throw new IOException("the file ended before offset " + at + " of its " + size + " bytes");
                }
                at = size;
                continue;
            }
            int lastNonZero = lastNonZero(chunk.array(), length);
            if (lastNonZero >= 0) {
                return at - length + lastNonZero + 1;
            }
            at -= length;
            if (chunk.capacity() < CHUNK) {
                chunk = ByteBuffer.allocate(CHUNK);
            }
        }
        return from;
    }

    /** The index of the last byte of {@code bytes[0, length)} that is not zero, or -1. */
    static int lastNonZero(byte[] bytes, int length) {
        int i = length;
        while (i >= Long.BYTES && (long) WORDS.get(bytes, i - Long.BYTES) == 0) {
            i -= Long.BYTES;
        }
        while (i > 0 && bytes[i - 1] == 0) {
            i--;
        }
        return i - 1;
    }

    /** Fills {@code buffer} from {@code position}; false if the file ends first. */
    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}
