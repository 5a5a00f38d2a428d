/**
 * The codec SPI: {@link dev.jwal.api.codec.EntryCodec} turns entries into bytes,
 * {@link dev.jwal.api.codec.Codecs} finds codecs by name, and
 * {@link dev.jwal.api.codec.DecodeBudget} bounds what decoding one record may cost.
 *
 * <p><b>Thread safety.</b> Codecs must be thread safe and {@link dev.jwal.api.codec.Codecs} is;
 * a {@link dev.jwal.api.codec.DecodeBudget} serves one decode on one thread.
 */
package dev.jwal.api.codec;
