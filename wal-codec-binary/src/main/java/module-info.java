/**
 * The binary entry codecs: {@code kryo} ({@link dev.jwal.codec.kryo.KryoEntryCodec})
 * and {@code protobuf} ({@link dev.jwal.codec.protobuf.ProtobufEntryCodec}),
 * found through {@link java.util.ServiceLoader} by {@link dev.jwal.api.codec.Codecs}.
 */
// Kryo and protobuf-java are automatic modules (named in their manifests); that is expected.
@SuppressWarnings("requires-automatic")
module dev.jwal.codec.binary {
    requires transitive dev.jwal.api;
    // Automatic module names from the jars' manifests.
    requires com.esotericsoftware.kryo;
    requires com.google.protobuf;

    exports dev.jwal.codec.kryo;
    exports dev.jwal.codec.protobuf;

    // The generated messages stay internal, but protobuf's runtime reflects on them
    // (field accessor tables, used by toString and the descriptor APIs).
    opens dev.jwal.codec.protobuf.generated to com.google.protobuf;

    provides dev.jwal.api.codec.EntryCodec with
            dev.jwal.codec.kryo.KryoEntryCodec,
            dev.jwal.codec.protobuf.ProtobufEntryCodec;
}
