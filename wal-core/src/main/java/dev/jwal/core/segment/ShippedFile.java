package dev.jwal.core.segment;

import dev.jwal.core.io.LogFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How far the log's segment listeners have taken the log: an LSN below which every record lies in a segment
 * that every listener returned normally for. One line, {@code jwal-shipped 1 lsn=N crc32c=X} (see
 * {@link LsnFile}), replaced atomically. Written only by a log that has segment listeners.
 *
 * <p>A missing or damaged file means nothing was shipped: every finished segment is offered again, which is
 * safe (listeners are at-least-once) and keeps retention from deleting a segment nobody took. A damaged file
 * is ignored with a warning.
 */
public final class ShippedFile {
    public static final String FILE_NAME = "shipped";
    private static final Logger LOG = LoggerFactory.getLogger(ShippedFile.class);
    private static final LsnFile FILE = new LsnFile(FILE_NAME, "jwal-shipped");

    private ShippedFile() {
    }

    /** The stored LSN, or empty if there is none or it is damaged. */
    public static OptionalLong read(Path directory) {
        try {
            return FILE.read(directory);
        } catch (LsnFile.Damaged e) {
            LOG.warn("ignoring {}: it {}; every finished segment is offered to the segment listeners again",
                    FILE.path(directory), e.getMessage());
            return OptionalLong.empty();
        }
    }

    /** Durably replaces the stored LSN of {@code directory} with {@code lsn}. */
    public static void write(LogFileSystem fs, Path directory, long lsn) throws IOException {
        FILE.write(fs, directory, lsn);
    }
}
