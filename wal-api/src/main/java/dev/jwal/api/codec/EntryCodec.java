package dev.jwal.api.codec;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;

/**
 * Turns one {@link WalEntry} into payload bytes and back. The log frames the
 * payloads; a codec knows nothing of files, LSNs or checksums.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} (declare them in
 * {@code module-info.java} with {@code provides} or in
 * {@code META-INF/services/dev.jwal.api.codec.EntryCodec}) and looked up by
 * {@link #name()} through {@link Codecs}. A provider needs a public no-argument
 * constructor.
 *
 * <p>Implementations must be thread safe: one instance serves every appender
 * and reader of a log at once.
 */
public interface EntryCodec {

    /**
     * The name logs and users refer to this codec by.
     *
     * @return e.g. {@code json}; lower case, stable forever
     */
    String name();

    /**
     * The version of this codec's payload format; bump it whenever the bytes change meaning.
     *
     * @return the version, 1 or more
     */
    int formatVersion();

    /**
     * Whether every payload is one line of UTF-8 text without a line feed, so
     * the reference's {@code LSN|payload\n} line framing can hold it.
     *
     * @return true if the {@code lines} segment format may hold this codec's payloads
     */
    boolean writesSingleLineText();

    /**
     * Encodes an entry.
     *
     * @param entry the entry, never null
     * @return the payload, a fresh array the caller may keep
     * @throws EntryRejectedException if this codec cannot represent the entry
     *         exactly (the log then writes nothing)
     */
    byte[] encode(WalEntry entry);

    /**
     * Decodes a payload this codec wrote.
     *
     * @param payload the array holding the payload
     * @param offset  where the payload starts in {@code payload}
     * @param length  the payload's length in bytes
     * @return the entry
     * @throws CodecException if the bytes are not a valid payload; never any other
     *         runtime exception, whatever the bytes
     */
    WalEntry decode(byte[] payload, int offset, int length);
}
