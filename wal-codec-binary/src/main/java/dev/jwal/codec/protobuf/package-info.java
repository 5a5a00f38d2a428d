/**
 * The {@code protobuf} entry codec: payloads that are messages of the shipped
 * schema {@code jwal_entry.proto} (in the jar's root), so other languages can
 * read them with their own protobuf libraries.
 * {@link dev.jwal.codec.protobuf.ProtobufEntryCodec} is the only public type;
 * the generated message classes are internal.
 */
package dev.jwal.codec.protobuf;
