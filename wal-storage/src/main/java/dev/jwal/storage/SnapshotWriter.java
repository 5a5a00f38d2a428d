package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/** Writes a {@link StoreImage} as a snapshot file, durably; the format is {@link SnapshotFormat}'s. */
final class SnapshotWriter {
    private static final int BUFFER_SIZE = 64 * 1024;

    private SnapshotWriter() {
    }

    /**
     * Writes {@code image} to a temporary file, forces it, renames it to its final name (replacing a file
     * of that name) and forces the directory.
     *
     * @return the snapshot file
     */
    static Path write(Path directory, StoreImage image) throws IOException {
        Path target = directory.resolve(SnapshotFormat.fileName(image.replayFrom()));
        Path temp = directory.resolve(target.getFileName() + SnapshotFormat.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new CheckedOutputStream(Channels.newOutputStream(channel), crc), BUFFER_SIZE));
            writeBody(out, image);
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(SnapshotFormat.TRAILER_SIZE).putInt((int) crc.getValue()).flip();
            while (trailer.hasRemaining()) {
                channel.write(trailer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SnapshotFiles.forceDirectory(directory);
        return target;
    }

    private static void writeBody(DataOutputStream out, StoreImage image) throws IOException {
        out.write(SnapshotFormat.MAGIC);
        out.writeShort(SnapshotFormat.VERSION);
        out.writeLong(image.replayFrom());
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
