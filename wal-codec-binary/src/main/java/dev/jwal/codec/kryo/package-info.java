/**
 * The {@code kryo} entry codec: compact binary payloads written with Kryo 5.
 * {@link dev.jwal.codec.kryo.KryoEntryCodec} is the only public type; the
 * serializers and the Kryo set-up behind it are internal.
 */
package dev.jwal.codec.kryo;
