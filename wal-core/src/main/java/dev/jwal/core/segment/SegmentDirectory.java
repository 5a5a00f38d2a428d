package dev.jwal.core.segment;

import dev.jwal.api.error.WalIOException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/** Lists the segments of a log directory. */
public final class SegmentDirectory {
    private SegmentDirectory() {
    }

    /**
     * The segment files of {@code directory}, in numeric order of their names.
     * Other files (the lock, the checkpoint file, temporary files) are ignored.
     *
     * @throws WalIOException if the directory cannot be listed, naming it
     */
    public static List<SegmentFile> list(Path directory) {
        List<SegmentFile> segments = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SegmentName.SUFFIX)) {
            for (Path entry : entries) {
                OptionalLong number = SegmentName.parse(entry.getFileName().toString());
                if (number.isPresent() && Files.isRegularFile(entry)) {
                    segments.add(new SegmentFile(entry, number.getAsLong()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new WalIOException("listing the log directory (it does not exist)", directory, e);
        } catch (IOException e) {
            throw new WalIOException("listing the log directory", directory, e);
        }
        Collections.sort(segments);
        return segments;
    }
}
