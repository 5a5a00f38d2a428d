package dev.jwal.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshot directory: lists snapshots newest first, deletes unfinished ones, sets damaged ones
 * aside, and deletes all but the newest few. Every change forces the directory. Only the storage that
 * holds the log's directory lock uses it, so it takes no lock of its own.
 */
final class SnapshotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    private final Path directory;

    private SnapshotFiles(Path directory) {
        this.directory = directory;
    }

    /** Creates the directory if needed (forcing its parent) and deletes left-over temporary files. */
    static SnapshotFiles open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                forceDirectory(parent);
            }
        }
        SnapshotFiles files = new SnapshotFiles(directory);
        files.deleteUnfinished();
        return files;
    }

    Path directory() {
        return directory;
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
        Files.move(snapshot.path(), broken, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
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
            Files.deleteIfExists(old.path());
            deleted = true;
        }
        if (deleted) {
            forceDirectory(directory);
        }
        return snapshots.size() < keep ? 0 : snapshots.get(keep - 1).replayFrom();
    }

    private void deleteUnfinished() throws IOException {
        boolean deleted = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                SnapshotFormat.PREFIX + "*" + SnapshotFormat.TEMP_SUFFIX)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                deleted = true;
                LOG.info("deleted the unfinished snapshot {}", entry);
            }
        }
        if (deleted) {
            forceDirectory(directory);
        }
    }

    /** Forces a directory, so that files created, renamed or deleted in it survive a power loss. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
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
