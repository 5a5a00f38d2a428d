package dev.jwal.codec.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.DecodeBudget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path for {@link WalEntry.Upsert}, the one entry whose size grows
 * with its float values: it writes the same bytes the generated
 * {@code Entry}/{@code Upsert}/{@code Vector} classes write (fields in number
 * order, empty proto3 strings and empty packed values left out, metadata
 * written when set), and reads those bytes back, moving each vector's packed
 * {@code values} as one bulk copy between the payload and the vector's own
 * array instead of one float (and one builder call) at a time.
 *
 * <p>The schema and the generated code stay the contract: the writer's output
 * is byte-for-byte what {@code EntryMapper.toMessage(entry).toByteArray()}
 * gives (tests compare them), and the reader accepts only that canonical
 * layout; for anything else (fields out of order or repeated, unknown
 * fields, unpacked floats, invalid UTF-8, truncation) it declines, and the
 * caller parses with the generated parser, which decides what the bytes mean
 * and how they fail. Packed floats are little-endian raw IEEE 754 bits, so
 * copying them through a little-endian {@link FloatBuffer} view keeps every
 * bit pattern.
 *
 * <p>Stateless and thread safe.
 */
final class UpsertWire {
    /** Field 1 (Entry.upsert, Upsert.namespace, Vector.id), length-delimited. */
    private static final int TAG_1 = 1 << 3 | 2;
    /** Field 2 (Upsert.vectors, Vector.values packed), length-delimited. */
    private static final int TAG_2 = 2 << 3 | 2;
    /** Field 3 (Vector.metadata), length-delimited. */
    private static final int TAG_3 = 3 << 3 | 2;

    private UpsertWire() {
    }

    /** The serialized {@code Entry} holding {@code upsert}; its strings must be valid Unicode (see {@link UnicodeCheck}). */
    static byte[] encode(WalEntry.Upsert upsert) {
        int upsertSize = upsertSize(upsert);
        int total = 1 + CodedOutputStream.computeUInt32SizeNoTag(upsertSize) + upsertSize;
        byte[] payload = new byte[total];
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(payload);
            out.writeUInt32NoTag(TAG_1);
            out.writeUInt32NoTag(upsertSize);
            if (!upsert.namespace().isEmpty()) {
                out.writeString(1, upsert.namespace());
            }
            for (SerializedVector vector : upsert.vectors()) {
                out.writeUInt32NoTag(TAG_2);
                out.writeUInt32NoTag(vectorSize(vector));
                if (!vector.id().isEmpty()) {
                    out.writeString(1, vector.id());
                }
                int valueBytes = vector.dimension() * Float.BYTES;
                if (valueBytes > 0) {
                    out.writeUInt32NoTag(TAG_2);
                    out.writeUInt32NoTag(valueBytes);
                    int at = total - out.spaceLeft();
                    vector.writeValuesTo(littleEndianFloats(payload, at, valueBytes));
                    // An array encoder cannot skip what was written beside it: continue with a new one after the values.
                    out = CodedOutputStream.newInstance(payload, at + valueBytes, total - at - valueBytes);
                }
                if (vector.metadata() != null) {
                    out.writeString(3, vector.metadata());
                }
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            // An array encoder only throws when the computed size was wrong: a bug here, not bad input.
            throw new IllegalStateException("protobuf Upsert size computed wrong: " + e.getMessage(), e);
        }
        return payload;
    }

    /**
     * Reads {@code length} bytes of {@code payload} from {@code offset} if
     * they are an {@code Entry} holding an {@code Upsert} in the canonical
     * layout {@link #encode} writes.
     *
     * @return the entry, or null when the bytes are anything else (then only
     *         the generated parser may say what they are)
     * @throws dev.jwal.api.error.CodecException if its vectors cost more than the record's {@link DecodeBudget}
     */
    static WalEntry.Upsert decode(byte[] payload, int offset, int length) {
        try {
            return decodeCanonical(payload, offset, length);
        } catch (InvalidProtocolBufferException e) {
            // Not canonical (truncated, invalid UTF-8, a bad length): the generated parser reports it.
            return null;
        } catch (IOException e) {
            // A decoder over an array throws only InvalidProtocolBufferException; anything else is a protobuf bug.
            throw new IllegalStateException("protobuf failed reading from memory: " + e, e);
        }
    }

    private static WalEntry.Upsert decodeCanonical(byte[] payload, int offset, int length)
            throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(payload, offset, length);
        if (in.readTag() != TAG_1) {
            return null;
        }
        int upsertSize = in.readRawVarint32();
        if (upsertSize != length - in.getTotalBytesRead()) {
            return null; // something follows the upsert (or it is truncated)
        }
        int tag = in.readTag();
        String namespace = "";
        if (tag == TAG_1) {
            namespace = in.readStringRequireUtf8();
            tag = in.readTag();
        }
        List<SerializedVector> vectors = new ArrayList<>(1);
        DecodeBudget budget = new DecodeBudget(length);
        while (tag == TAG_2) {
            SerializedVector vector = readVector(in, payload, offset);
            if (vector == null) {
                return null;
            }
            budget.charge(DecodeBudget.vectorCost(vector.id(), vector.dimension(), vector.metadata()),
                    "Upsert vector", vectors.size());
            vectors.add(vector);
            tag = in.readTag();
        }
        if (tag != 0) {
            return null;
        }
        // One vector (the common case) as an immutable one-element list, which the Upsert keeps without a copy.
        return new WalEntry.Upsert(namespace, vectors.size() == 1 ? List.of(vectors.get(0)) : vectors);
    }

    /** One length-delimited {@code Vector}, or null if it is not in the canonical layout. */
    private static SerializedVector readVector(CodedInputStream in, byte[] payload, int offset)
            throws IOException {
        int size = in.readRawVarint32();
        int outer = in.pushLimit(size); // refuses a negative size or one past the end
        int tag = in.readTag();
        String id = "";
        if (tag == TAG_1) {
            id = in.readStringRequireUtf8();
            tag = in.readTag();
        }
        FloatBuffer values = FloatBuffer.allocate(0);
        if (tag == TAG_2) {
            int valueBytes = in.readRawVarint32();
            if (valueBytes < 0 || valueBytes % Float.BYTES != 0 || valueBytes > in.getBytesUntilLimit()) {
                return null;
            }
            values = littleEndianFloats(payload, offset + in.getTotalBytesRead(), valueBytes);
            in.skipRawBytes(valueBytes);
            tag = in.readTag();
        }
        String metadata = null;
        if (tag == TAG_3) {
            metadata = in.readStringRequireUtf8();
            tag = in.readTag();
        }
        if (tag != 0 || !in.isAtEnd()) {
            return null;
        }
        in.popLimit(outer);
        return SerializedVector.fromBuffer(id, values, metadata);
    }

    private static int upsertSize(WalEntry.Upsert upsert) {
        int size = upsert.namespace().isEmpty() ? 0 : CodedOutputStream.computeStringSize(1, upsert.namespace());
        for (SerializedVector vector : upsert.vectors()) {
            int vectorSize = vectorSize(vector);
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(vectorSize) + vectorSize;
        }
        return size;
    }

    private static int vectorSize(SerializedVector vector) {
        int size = vector.id().isEmpty() ? 0 : CodedOutputStream.computeStringSize(1, vector.id());
        int valueBytes = Math.multiplyExact(vector.dimension(), Float.BYTES);
        if (valueBytes > 0) {
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(valueBytes) + valueBytes;
        }
        if (vector.metadata() != null) {
            size += CodedOutputStream.computeStringSize(3, vector.metadata());
        }
        return size;
    }

    private static FloatBuffer littleEndianFloats(byte[] bytes, int offset, int length) {
        return ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
}
