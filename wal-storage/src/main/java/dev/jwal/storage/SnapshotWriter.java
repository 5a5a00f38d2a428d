package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import dev.jwal.core.io.LogFileSystem;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes a {@link StoreImage} as a snapshot file, durably, every change through the log's file-I/O seam;
 * the format is {@link SnapshotFormat}'s. Stateless.
 */
final class SnapshotWriter {
    private static final int BUFFER_SIZE = 64 * 1024;

    private SnapshotWriter() {
    }

    /**
     * Writes {@code image}, a snapshot of the log named {@code logIdentity}, to a temporary file (replacing
     * one a failed checkpoint left), forces it, renames it to its final name (replacing a file of that name)
     * and forces the directory, all through {@code fs}. If writing, forcing or renaming the temporary file
     * fails, it is deleted: a partial snapshot must not keep the space a full disk needs for the log.
     *
     * @return the snapshot file
     * @throws IOException if a step fails; the final name then holds what it held before (or, if only the
     *                     directory force failed, the new snapshot, valid but not yet durably named); a
     *                     failure to delete the temporary file is added as suppressed, and the next write or
     *                     open deletes it
     */
    static Path write(LogFileSystem fs, Path directory, StoreImage image, UUID logIdentity) throws IOException {
        Path target = directory.resolve(SnapshotFormat.fileName(image.replayFrom()));
        Path temp = directory.resolve(target.getFileName() + SnapshotFormat.TEMP_SUFFIX);
        if (Files.exists(temp)) {
            fs.delete(temp);
        }
        try {
            writeForced(fs, temp, image, logIdentity);
            fs.rename(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(fs, temp, e);
            throw e;
        }
        fs.forceDirectory(directory);
        return target;
    }

    private static void writeForced(LogFileSystem fs, Path temp, StoreImage image, UUID logIdentity)
            throws IOException {
        try (LogFileSystem.AppendableFile file = fs.createFile(temp)) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new CheckedOutputStream(new AppendableFileOutputStream(file), crc), BUFFER_SIZE));
            writeBody(out, image, logIdentity);
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(SnapshotFormat.TRAILER_SIZE).putInt((int) crc.getValue()).flip();
            file.write(new ByteBuffer[]{trailer});
            file.force();
        }
    }

    /** Deletes the temporary file a failed write left, if any; a failure to is added to {@code failure}. */
    private static void deleteAfterFailure(LogFileSystem fs, Path temp, Exception failure) {
        if (!Files.exists(temp)) {
            return;
        }
        try {
            fs.delete(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void writeBody(DataOutputStream out, StoreImage image, UUID logIdentity) throws IOException {
        out.write(SnapshotFormat.MAGIC);
        out.writeShort(SnapshotFormat.VERSION);
        out.writeLong(image.replayFrom());
        out.writeLong(logIdentity.getMostSignificantBits());
        out.writeLong(logIdentity.getLeastSignificantBits());
        out.writeInt(image.namespaces().size());
        for (StoreImage.NamespaceImage namespace : image.namespaces()) {
            writeString(out, namespace.name());
            int dimension = namespace.dimension();
            out.writeInt(dimension);
            out.writeInt(namespace.vectors().size());
            for (SerializedVector vector : namespace.vectors()) {
                if (vector.dimension() != dimension) {
                    throw new IllegalStateException("namespace '" + namespace.name() + "' holds vectors of dimensions "
                            + dimension + " and " + vector.dimension() + " (vector '" + vector.id() + "')");
                }
                writeString(out, vector.id());
                for (int i = 0; i < dimension; i++) {
                    out.writeInt(Float.floatToRawIntBits(vector.value(i)));
                }
                if (vector.metadata() == null) {
                    out.writeInt(SnapshotFormat.NO_METADATA);
                } else {
                    writeString(out, vector.metadata());
                }
            }
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
