package dev.jwal.storage;

import dev.jwal.core.io.LogFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshot directory: lists snapshots newest first, deletes unfinished ones, sets damaged ones
 * aside, and deletes all but the newest few. Every change goes through the log's file-I/O seam and forces
 * the directory; listing reads the directory directly. Only the storage that holds the log's directory
 * lock uses it, so it takes no lock of its own: not thread safe. Methods throw the seam's {@link IOException}.
 */
final class SnapshotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    private final LogFileSystem fs;
    private final Path directory;

    private SnapshotFiles(LogFileSystem fs, Path directory) {
        this.fs = fs;
        this.directory = directory;
    }

    /** Creates the directory if needed (forcing its parent) and deletes left-over temporary files. */
    static SnapshotFiles open(LogFileSystem fs, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            fs.createDirectories(directory);
        }
        SnapshotFiles files = new SnapshotFiles(fs, directory);
        files.deleteUnfinished();
        return files;
    }

    Path directory() {
        return directory;
    }

    /** Writes {@code image} as the snapshot it names ({@link SnapshotWriter#write}). */
    Path write(StoreImage image) throws IOException {
        return SnapshotWriter.write(fs, directory, image);
    }

    /** Snapshot files by name, newest (largest N) first; damaged ones included, set-aside ones not. */
    List<SnapshotFile> list() throws IOException {
        List<SnapshotFile> snapshots = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                SnapshotFormat.PREFIX + "*" + SnapshotFormat.SUFFIX)) {
            for (Path entry : entries) {
                long replayFrom = SnapshotFormat.parseFileName(entry.getFileName().toString());
                if (replayFrom >= 0 && Files.isRegularFile(entry)) {
                    snapshots.add(new SnapshotFile(entry, replayFrom));
                }
            }
        }
        snapshots.sort(Comparator.comparingLong(SnapshotFile::replayFrom).reversed());
        return snapshots;
    }

    /** Renames a damaged snapshot to {@code *.broken}, so it is kept for inspection but never read again. */
    void setAside(SnapshotFile snapshot) throws IOException {
        Path broken = snapshot.path().resolveSibling(snapshot.path().getFileName() + SnapshotFormat.BROKEN_SUFFIX);
        fs.rename(snapshot.path(), broken);
        fs.forceDirectory(directory);
        LOG.warn("set the damaged snapshot aside as {}", broken);
    }

    /**
     * Deletes every snapshot but the newest {@code keep}.
     *
     * @return the LSN below which the log is no longer needed: the smallest N among the snapshots kept, or
     *         0 while there are fewer than {@code keep} (the whole log is then the fallback)
     */
    long retainNewest(int keep) throws IOException {
        List<SnapshotFile> snapshots = list();
        boolean deleted = false;
        for (SnapshotFile old : snapshots.subList(Math.min(keep, snapshots.size()), snapshots.size())) {
            fs.delete(old.path());
            deleted = true;
        }
        if (deleted) {
            fs.forceDirectory(directory);
        }
        return snapshots.size() < keep ? 0 : snapshots.get(keep - 1).replayFrom();
    }

    private void deleteUnfinished() throws IOException {
        boolean deleted = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                SnapshotFormat.PREFIX + "*" + SnapshotFormat.TEMP_SUFFIX)) {
            for (Path entry : entries) {
                fs.delete(entry);
                deleted = true;
                LOG.info("deleted the unfinished snapshot {}", entry);
            }
        }
        if (deleted) {
            fs.forceDirectory(directory);
        }
    }

    /**
     * A snapshot file.
     *
     * @param path       where it is
     * @param replayFrom the N of its name: it reflects every record below this LSN
     */
    record SnapshotFile(Path path, long replayFrom) {
    }
}
