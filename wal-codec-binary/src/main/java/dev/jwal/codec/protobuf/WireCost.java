package dev.jwal.codec.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

import java.io.IOException;

/**
 * Estimates, without allocating, the memory the generated parser and
 * {@link EntryMapper} will use for a payload, by walking its wire format:
 * {@value #FIELD} bytes for every field occurrence (a message object, a list
 * slot, a string or boxed number; unknown fields included, since protobuf keeps
 * them) plus the bytes of every string and packed array. The codec checks it
 * against the record's {@link dev.jwal.codec.internal.DecodeBudget} before the
 * generated parser runs, so that a payload of millions of tiny fields is
 * refused instead of exhausting the heap. Stateless.
 */
final class WireCost {
    /** Estimated bytes for one field occurrence: its object(s) in the generated message and in the entry. */
    static final int FIELD = 64;

    private enum Type { ENTRY, UPSERT, VECTOR, OTHER }

    private WireCost() {
    }

    /**
     * The estimate for {@code length} bytes of {@code payload} from {@code offset}.
     *
     * @throws InvalidProtocolBufferException if the bytes are not well-formed protobuf
     */
    static long of(byte[] payload, int offset, int length) throws InvalidProtocolBufferException {
        try {
            return walk(CodedInputStream.newInstance(payload, offset, length), Type.ENTRY);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            // A decoder over an array throws only InvalidProtocolBufferException; anything else is a protobuf bug.
            throw new IllegalStateException("protobuf failed reading from memory: " + e, e);
        }
    }

    private static long walk(CodedInputStream in, Type type) throws IOException {
        long cost = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            cost += FIELD;
            Type child = child(type, WireFormat.getTagFieldNumber(tag));
            if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                in.skipField(tag);
            } else if (child != null) {
                int limit = in.pushLimit(in.readRawVarint32());
                cost += walk(in, child);
                in.popLimit(limit);
            } else {
                int size = in.readRawVarint32();
                cost += size;
                in.skipRawBytes(size);
            }
        }
        return cost;
    }

    /** The message type of field {@code number} in {@code type}, or null for a scalar, string or unknown field. */
    private static Type child(Type type, int number) {
        if (type == Type.ENTRY) {
            return number == 1 ? Type.UPSERT : number >= 2 && number <= 8 ? Type.OTHER : null;
        }
        return type == Type.UPSERT && number == 2 ? Type.VECTOR : null;
    }
}
