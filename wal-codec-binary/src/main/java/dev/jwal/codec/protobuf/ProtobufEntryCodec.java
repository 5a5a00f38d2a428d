package dev.jwal.codec.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.api.codec.DecodeBudget;
import dev.jwal.codec.protobuf.generated.Entry;

import java.util.Objects;

/**
 * The {@code protobuf} codec: each entry as one serialized {@code jwal.v1.Entry}
 * message of the schema {@code jwal_entry.proto}, which ships in this jar's
 * root so other languages can generate readers.
 *
 * <p><b>Format (version 1).</b> A {@code oneof} over the eight entry kinds;
 * float values as a packed {@code repeated float} (raw IEEE 754 bits, NaN
 * payloads included); LSNs and transaction ids as {@code uint64}; metadata as
 * a proto3 {@code optional string}, so absent and empty differ.
 *
 * <p><b>Encoding</b> refuses, with {@link EntryRejectedException}, an entry
 * holding a string with an unpaired surrogate: protobuf strings are UTF-8, and
 * protobuf would silently write '?' instead; and one that would cost more
 * memory to read back than its {@link DecodeBudget} (tens of thousands of tiny
 * vectors or ids). Everything else is accepted.
 *
 * <p><b>Decoding</b> accepts any valid message of the schema (unknown fields
 * are ignored, as protobuf does) and turns every failure into
 * {@link CodecException}: bytes that are not a message, invalid UTF-8 in a
 * string, or a message whose {@code kind} is not set to a known entry type
 * (an empty payload is such a message), or a payload whose vectors, ids or
 * other fields would cost more memory than its {@link DecodeBudget} (checked
 * by walking the wire format before the generated parser allocates anything).
 *
 * <p><b>Speed.</b> Upserts, whose size grows with their float values, are
 * written and read by a hand-written path that produces exactly the generated
 * code's bytes and reads only that canonical layout, copying each vector's
 * packed values in bulk; every other payload goes through the generated
 * classes.
 *
 * <p><b>Thread safety.</b> Stateless and thread safe.
 */
public final class ProtobufEntryCodec implements EntryCodec {
    /** The name logs and {@link dev.jwal.api.codec.Codecs#byName(String)} know this codec by. */
    public static final String NAME = "protobuf";

    /** The payload format version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Creates the codec; it holds no state. Also the ServiceLoader's constructor.
     *
     * <p>Checks first that the protobuf-java runtime can run the generated classes (they need a runtime at
     * least as new as the protoc that generated them; docs/consumers.md gives the range) and loads them,
     * so that a wrong runtime is this clear error when the codec is looked up, not an
     * {@link ExceptionInInitializerError} inside the first append.
     *
     * @throws CodecException naming the protobuf-java version needed and the one found, if the runtime
     *         cannot run the generated classes
     */
    public ProtobufEntryCodec() {
        ClassLoader loader = ProtobufEntryCodec.class.getClassLoader();
        ProtobufRuntimeCheck.requireSupportedRuntime(loader);
        try {
            Class.forName("dev.jwal.codec.protobuf.generated.Entry", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            ProtobufRuntimeCheck.Version runtime = ProtobufRuntimeCheck.runtimeVersion(loader);
            throw new CodecException("the protobuf codec's generated classes (protoc "
                    + ProtobufRuntimeCheck.GENCODE + ") do not load with protobuf-java "
                    + (runtime != null ? runtime : "(version unknown)") + ": " + e
                    + "; supported: protobuf-java " + ProtobufRuntimeCheck.supportedRange(ProtobufRuntimeCheck.GENCODE),
                    e);
        }
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
     * The entry's serialized {@code Entry} message.
     *
     * @throws EntryRejectedException if a namespace, id or metadata is not valid
     *         Unicode text (holds an unpaired surrogate); the message names the field
     * @throws NullPointerException   if {@code entry} is null
     */
    @Override
    public byte[] encode(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        UnicodeCheck.check(entry);
        if (entry instanceof WalEntry.Upsert upsert) {
            // The same bytes as the generated code, with the float values copied in bulk.
            byte[] payload = UpsertWire.encode(upsert);
            DecodeBudget.checkEncodable(entry, payload.length, NAME); // as UpsertWire.decode charges it
            return payload;
        }
        byte[] payload = EntryMapper.toMessage(entry).toByteArray();
        try {
            DecodeBudget.checkEncodable(entry, WireCost.of(payload, 0, payload.length), payload.length, NAME);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("protobuf wrote bytes it cannot walk: " + e.getMessage(), e);
        }
        return payload;
    }

    /**
     * Reads one entry from {@code length} bytes of {@code payload} from {@code offset}.
     *
     * @throws CodecException            if the bytes are not one {@code Entry} message holding a known entry kind
     * @throws IndexOutOfBoundsException if the range is outside {@code payload}
     * @throws NullPointerException      if {@code payload} is null
     */
    @Override
    public WalEntry decode(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Entry message;
        try {
            // What this codec writes for an Upsert is read with the float values copied in bulk;
            // any other bytes go to the generated parser, which decides what they mean.
            WalEntry.Upsert upsert = UpsertWire.decode(payload, offset, length);
            if (upsert != null) {
                return upsert;
            }
            new DecodeBudget(length).charge(WireCost.of(payload, offset, length), "the payload's fields", -1);
            message = Entry.parser().parseFrom(payload, offset, length);
        } catch (CodecException e) {
            throw e;
        } catch (InvalidProtocolBufferException e) {
            throw new CodecException("not a valid protobuf entry: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // protobuf reads from memory; anything else would be a protobuf bug, still reported as bad input.
            throw new CodecException("protobuf payload could not be parsed: " + e, e);
        }
        return EntryMapper.fromMessage(message);
    }

    @Override
    public String toString() {
        return "ProtobufEntryCodec[" + NAME + " v" + FORMAT_VERSION + "]";
    }
}
