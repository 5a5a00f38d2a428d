/**
 * The JSON entry codec: the Dakera reference's serde JSON, written and read
 * with Jackson's streaming API. Registered as the {@code json}
 * {@link dev.jwal.api.codec.EntryCodec}.
 */
module dev.jwal.codec.json {
    // Transitive: the public API (encode, decode, toJson, fromJson) speaks in dev.jwal.api types.
    requires transitive dev.jwal.api;
    // Only Jackson's streaming API (jackson-core) is used; it needs no reflective access.
    requires com.fasterxml.jackson.core;
    // Jackson 3's core, for NumberOutput.outputFloat only: the same float text, written straight into bytes.
    requires tools.jackson.core;

    exports dev.jwal.codec.json;

    provides dev.jwal.api.codec.EntryCodec with dev.jwal.codec.json.JsonEntryCodec;
}
