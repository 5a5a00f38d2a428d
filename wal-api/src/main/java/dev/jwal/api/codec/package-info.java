/**
 * The codec SPI: {@link dev.jwal.api.codec.EntryCodec} turns entries into bytes,
 * {@link dev.jwal.api.codec.Codecs} finds codecs by name.
 */
package dev.jwal.api.codec;
