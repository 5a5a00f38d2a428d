package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Reads snapshot files ({@link SnapshotFormat}): {@link #verify} checks a whole file without loading it,
 * {@link #load} then streams it into a store. Memory stays bounded by one batch of vectors, whatever the
 * file's size, and no damaged length makes it allocate more than the file holds.
 */
final class SnapshotReader {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int BATCH = 1024;

    private SnapshotReader() {
    }

    /**
     * Checks the magic, the version, the LSN against the file name and the checksum.
     *
     * @param replayFrom the N of the file name
     * @return what the header says
     * @throws SnapshotCorruptException naming the offset of the first problem
     */
    static SnapshotHeader verify(Path file, long replayFrom) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long minimum = SnapshotFormat.headerSize(SnapshotFormat.VERSION_WITHOUT_IDENTITY)
                    + SnapshotFormat.TRAILER_SIZE;
            if (size < minimum) {
                throw new SnapshotCorruptException(file, 0, "the file is " + size + " bytes long, shorter than the "
                        + minimum + " bytes of an empty snapshot");
            }
            ByteBuffer start = ByteBuffer.allocate(SnapshotFormat.MAGIC.length + 2);
            readFully(channel, start, 0);
            short version = checkMagicAndVersion(file, start.flip());
            int headerSize = SnapshotFormat.headerSize(version);
            if (size < headerSize + SnapshotFormat.TRAILER_SIZE) {
                throw new SnapshotCorruptException(file, 0, "the file is " + size + " bytes long, shorter than the "
                        + (headerSize + SnapshotFormat.TRAILER_SIZE) + " bytes of an empty version " + version
                        + " snapshot");
            }
            ByteBuffer header = ByteBuffer.allocate(headerSize);
            readFully(channel, header, 0);
            SnapshotHeader parsed = readHeader(file, header.flip().position(start.capacity()), version, replayFrom);

            CRC32C crc = new CRC32C();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
            long bodyEnd = size - SnapshotFormat.TRAILER_SIZE;
            for (long position = 0; position < bodyEnd; ) {
                buffer.clear().limit((int) Math.min(BUFFER_SIZE, bodyEnd - position));
                readFully(channel, buffer, position);
                buffer.flip();
                position += buffer.remaining();
                crc.update(buffer);
            }
            ByteBuffer trailer = ByteBuffer.allocate(SnapshotFormat.TRAILER_SIZE);
            readFully(channel, trailer, bodyEnd);
            int stored = trailer.flip().getInt();
            int computed = (int) crc.getValue();
            if (stored != computed) {
                throw new SnapshotCorruptException(file, bodyEnd, String.format("checksum mismatch: the file says "
                        + "%08x, its %,d bytes give %08x", stored, bodyEnd, computed));
            }
            return parsed;
        }
    }

    private static short checkMagicAndVersion(Path file, ByteBuffer start) {
        byte[] magic = new byte[SnapshotFormat.MAGIC.length];
        start.get(magic);
        if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
            throw new SnapshotCorruptException(file, 0, "not a snapshot: the file starts with "
                    + hex(magic) + ", not " + hex(SnapshotFormat.MAGIC));
        }
        short version = start.getShort();
        if (version != SnapshotFormat.VERSION && version != SnapshotFormat.VERSION_WITHOUT_IDENTITY) {
            throw new SnapshotCorruptException(file, SnapshotFormat.MAGIC.length, "format version " + version
                    + "; this reader knows versions " + SnapshotFormat.VERSION_WITHOUT_IDENTITY + " and "
                    + SnapshotFormat.VERSION);
        }
        return version;
    }

    /** Reads N (checked against the file name) and, from version 2 on, the log identity. */
    private static SnapshotHeader readHeader(Path file, ByteBuffer header, short version, long replayFrom) {
        long lsn = header.getLong();
        if (lsn != replayFrom) {
            throw new SnapshotCorruptException(file, SnapshotFormat.MAGIC.length + 2, "the header says it covers the "
                    + "records below LSN " + lsn + " but the file name says " + replayFrom);
        }
        UUID identity = version == SnapshotFormat.VERSION_WITHOUT_IDENTITY ? null
                : new UUID(header.getLong(), header.getLong());
        return new SnapshotHeader(version, lsn, identity);
    }

    /**
     * Streams a verified snapshot into {@code target}: creates each namespace and upserts its vectors in
     * batches.
     *
     * @param header what {@link #verify} returned for it
     * @throws SnapshotCorruptException if the structure is damaged (a length past the end, bytes left over)
     */
    static void load(Path file, SnapshotHeader header, VectorStorage target) throws IOException {
        long size = Files.size(file);
        try (InputStream stream = Files.newInputStream(file)) {
            Input in = new Input(file, new DataInputStream(new BufferedInputStream(stream, BUFFER_SIZE)),
                    size - SnapshotFormat.TRAILER_SIZE);
            in.skip(header.size() - 4); // up to the namespace count
            int namespaces = in.count("namespace count", 4 + 4 + 4);
            for (int n = 0; n < namespaces; n++) {
                loadNamespace(in, target);
            }
            if (in.position != in.end) {
                throw new SnapshotCorruptException(file, in.position, (in.end - in.position)
                        + " bytes follow the last namespace before the checksum");
            }
        }
    }

    private static void loadNamespace(Input in, VectorStorage target) throws IOException {
        String name = in.string("namespace name");
        long dimensionAt = in.position;
        int dimension = in.count("dimension", 0);
        int vectors = in.count("vector count of namespace '" + name + "'", 4 + 4 * (long) dimension + 4);
        if (vectors > 0 && dimension == 0) {
            throw new SnapshotCorruptException(in.file, dimensionAt, "namespace '" + name + "' holds " + vectors
                    + " vectors of dimension 0");
        }
        target.createNamespace(name);
        List<SerializedVector> batch = new ArrayList<>(Math.min(vectors, BATCH));
        for (int v = 0; v < vectors; v++) {
            String id = in.string("vector id");
            float[] values = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                values[i] = Float.intBitsToFloat(in.data.readInt());
                in.position += 4;
            }
            batch.add(new SerializedVector(id, values, in.optionalString("metadata")));
            if (batch.size() == BATCH) {
                target.upsert(name, batch);
                batch.clear();
            }
        }
        target.upsert(name, batch);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("unexpected end of file at offset " + at);
            }
            at += read;
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }

    /** The body of a snapshot, read with the position kept and every length checked against the end. */
    private static final class Input {
        final Path file;
        final DataInputStream data;
        final long end;
        long position;

        Input(Path file, DataInputStream data, long end) {
            this.file = file;
            this.data = data;
            this.end = end;
        }

        void skip(int bytes) throws IOException {
            data.readFully(new byte[bytes]);
            position += bytes;
        }

        /** A count whose items take at least {@code bytesEach} bytes, checked against what is left. */
        int count(String what, long bytesEach) throws IOException {
            long at = position;
            need(4, what);
            int count = data.readInt();
            position += 4;
            if (count < 0 || (bytesEach > 0 && count > (end - position) / bytesEach)) {
                throw new SnapshotCorruptException(file, at, what + " " + Integer.toUnsignedString(count)
                        + " does not fit in the " + (end - position) + " bytes left");
            }
            return count;
        }

        String string(String what) throws IOException {
            long at = position;
            int length = count(what + " length", 1);
            return decode(what, at, length);
        }

        String optionalString(String what) throws IOException {
            long at = position;
            need(4, what + " length");
            int length = data.readInt();
            position += 4;
            if (length == SnapshotFormat.NO_METADATA) {
                return null;
            }
            if (length < 0 || length > end - position) {
                throw new SnapshotCorruptException(file, at, what + " length " + Integer.toUnsignedString(length)
                        + " does not fit in the " + (end - position) + " bytes left");
            }
            return decode(what, at, length);
        }

        private String decode(String what, long at, int length) throws IOException {
            byte[] bytes = new byte[length];
            data.readFully(bytes);
            position += length;
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new SnapshotCorruptException(file, at, what + " is not valid UTF-8");
            }
        }

        private void need(int bytes, String what) {
            if (end - position < bytes) {
                throw new SnapshotCorruptException(file, position, what + " runs past the end of the snapshot");
            }
        }
    }
}
