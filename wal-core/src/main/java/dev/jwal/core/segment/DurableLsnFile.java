package dev.jwal.core.segment;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The durable LSN the live writer publishes for followers in other processes: one line of text,
 * {@code jwal-durable 1 lsn=NNNNNNNNNNNNNNNNNNN crc32c=XXXXXXXX} (see {@link LsnFile}; the LSN always 19 digits,
 * zero-padded), in the file {@value #FILE_NAME}. The writer rewrites it in place after every force that
 * moved the durable LSN, and never forces it: it is a hint whose every value was true when it was written
 * (every record up to that LSN had been forced), never a promise about itself. After a power loss it may hold
 * an older value, or be torn or missing; an older value is still true (records only become durable), and a
 * torn or missing file says nothing. A reader therefore keeps the highest value it has read and ignores a
 * file that does not check out (a rewrite in progress reads as one). Thread safe (stateless).
 */
public final class DurableLsnFile {
    public static final String FILE_NAME = "durable";
    static final LsnFile FILE = new LsnFile(FILE_NAME, "jwal-durable");

    private DurableLsnFile() {
    }

    /** The file in {@code directory}. */
    public static Path path(Path directory) {
        return FILE.path(directory);
    }

    /**
     * The published durable LSN, or empty if the file is missing, is not a regular file, or does not check out
     * (torn by a rewrite in progress or by a power loss).
     *
     * @throws dev.jwal.api.error.WalIOException if the file exists but cannot be read
     */
    public static OptionalLong read(Path directory) {
        try {
            return FILE.read(directory);
        } catch (LsnFile.Damaged e) {
            return OptionalLong.empty();
        }
    }

    /** The file's bytes for {@code lsn}: always the same length, so a rewrite in place replaces all of it. */
    public static byte[] text(long lsn) {
        return FILE.fixedWidthText(lsn);
    }
}
