package dev.jwal.core.segment;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.NotARegularFileException;
import dev.jwal.core.io.RegularFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/** Lists the segments of a log directory. Stateless, thread safe. */
public final class SegmentDirectory {
    private SegmentDirectory() {
    }

    /**
     * The segment files of {@code directory}, in numeric order of their names.
     * Other files (the lock, the checkpoint file, temporary and side files) are ignored.
     *
     * @throws WalIOException      if the directory cannot be listed, naming it
     * @throws CorruptLogException if a segment name is not a regular file (a link, a FIFO, a directory: never
     *                             followed nor skipped, since a skipped segment is lost records), or two
     *                             segment files carry the same number ({@code 0.wal} beside
     *                             {@code 00000000000000000000.wal}): which one holds the log is not for the
     *                             log to guess
     */
    public static List<SegmentFile> list(Path directory) {
        List<SegmentFile> segments = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SegmentName.SUFFIX)) {
            for (Path entry : entries) {
                OptionalLong number = SegmentName.parse(entry.getFileName().toString());
                if (number.isPresent()) {
                    requireRegular(entry);
                    segments.add(new SegmentFile(entry, number.getAsLong()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new WalIOException("listing the log directory (it does not exist)", directory, e);
        } catch (IOException e) {
            throw new WalIOException("listing the log directory", directory, e);
        }
        Collections.sort(segments);
        requireDistinctNumbers(segments);
        return segments;
    }

    private static void requireRegular(Path entry) throws IOException {
        try {
            RegularFiles.requireRegular(entry);
        } catch (NotARegularFileException e) {
            throw new CorruptLogException(entry, 0, -1, CorruptLogException.Kind.CORRUPT_RECORD, e.getMessage(), e);
        }
    }

    private static void requireDistinctNumbers(List<SegmentFile> segments) {
        for (int i = 1; i < segments.size(); i++) {
            SegmentFile previous = segments.get(i - 1);
            SegmentFile segment = segments.get(i);
            if (previous.number() == segment.number()) {
                throw new CorruptLogException(segment.path(), 0, -1, CorruptLogException.Kind.CORRUPT_RECORD,
                        "two segment files carry the number " + segment.number() + ": " + previous.fileName()
                                + " and " + segment.fileName() + "; move the one that does not belong to the log "
                                + "out of the directory", null);
            }
        }
    }
}
