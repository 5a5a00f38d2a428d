/**
 * A conformance test kit for {@link dev.jwal.api.codec.EntryCodec} implementations.
 *
 * <p>{@link dev.jwal.codec.tck.EntryCodecContract} is the kit: an abstract JUnit 5
 * class a codec's own tests extend. {@link dev.jwal.codec.tck.SampleEntries} and
 * {@link dev.jwal.codec.tck.SampleValues} hold the entries, strings and float
 * values it uses, for a codec author's additional tests.
 */
package dev.jwal.codec.tck;
