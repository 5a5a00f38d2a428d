package dev.jwal.bookkeeper;

import dev.jwal.api.error.WalException;

/**
 * The metadata of a log on BookKeeper (its znode) is not what jwal writes: not its JSON, an unknown format
 * version, or ledgers whose LSN ranges do not follow one another. Names the znode; nothing is changed.
 */
public class CorruptLogMetadataException extends WalException {
    /**
     * Metadata that cannot be used.
     *
     * @param znode  where it is
     * @param detail what is wrong, with the numbers
     * @param cause  the parse failure, may be null
     */
    public CorruptLogMetadataException(String znode, String detail, Throwable cause) {
        super("the log metadata in znode " + znode + " is unusable: " + detail, cause);
    }
}
