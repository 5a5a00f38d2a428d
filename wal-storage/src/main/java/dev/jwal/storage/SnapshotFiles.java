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
import java.util.UUID;

/**
 * The snapshot directory of one log: locks it for the storage's lifetime ({@link SnapshotDirectoryLock}),
 * lists snapshots newest first, writes them naming the log ({@link LogIdentity}), deletes unfinished ones,
 * sets damaged ones aside, and deletes all but the newest few. Every change goes through the log's file-I/O
 * seam and forces the directory; listing reads the directory directly. Used by one storage, under its own
 * serialization (open, then one checkpoint at a time): not thread safe. Methods throw the seam's
 * {@link IOException}.
 */
final class SnapshotFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    private final LogFileSystem fs;
    private final Path directory;
    private final UUID logIdentity;
    private final SnapshotDirectoryLock lock;

    private SnapshotFiles(LogFileSystem fs, Path directory, UUID logIdentity, SnapshotDirectoryLock lock) {
        this.fs = fs;
        this.directory = directory;
        this.logIdentity = logIdentity;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed (forcing its parent), locks it and deletes left-over temporary files.
     *
     * @param logIdentity the identity of the log whose snapshots these are
     * @throws SnapshotDirectoryLockedException if another storage holds the directory
     */
    static SnapshotFiles open(LogFileSystem fs, Path directory, UUID logIdentity) throws IOException {
        if (!Files.isDirectory(directory)) {
            fs.createDirectories(directory);
        }
        SnapshotFiles files = new SnapshotFiles(fs, directory, logIdentity, SnapshotDirectoryLock.acquire(directory));
        try {
            files.deleteUnfinished();
        } catch (IOException | RuntimeException e) {
            files.closeAfterFailure(e);
            throw e;
        }
        return files;
    }

    Path directory() {
        return directory;
    }

    /** The identity of the log these snapshots belong to. */
    UUID logIdentity() {
        return logIdentity;
    }

    /** Writes {@code image} as the snapshot it names ({@link SnapshotWriter#write}), naming this log. */
    Path write(StoreImage image) throws IOException {
        return SnapshotWriter.write(fs, directory, image, logIdentity);
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

    /** Releases the directory's lock. */
    @Override
    public void close() {
        lock.close();
    }

    /** Releases the lock after {@code failure}, to which a failure to release is added. */
    void closeAfterFailure(Exception failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
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
