package dev.jwal.core.io;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The reserved room of a file, mapped shared into memory, so an append is a memory copy instead of a
 * {@code write} call. The bytes copied are in the kernel's page cache at once, exactly as after a
 * {@code write}: a killed process loses none of them; a power loss loses what no force covered.
 * {@link #force} forces the range written since the last force ({@code msync}, which on Linux is
 * {@code fdatasync} of that range).
 *
 * <p><b>No fault on a full disk.</b> A store into a hole of a sparse file makes the kernel allocate a block;
 * with none left it raises {@code SIGBUS}, which the JVM turns into an {@link InternalError} delivered at a
 * point of its choosing. So room is never written through the mapping before it holds real blocks: the owner
 * writes zeros ahead of the copies with ordinary writes ({@link ZeroFill}), {@link #ZERO_FILL_CHUNK} at a time,
 * and a full disk fails that write with an {@link IOException} before any record is copied. (On a
 * copy-on-write file system an overwrite needs new blocks too; there a full disk can still fault a copy, which
 * is reported as an {@link IOException} if the JVM delivers the error inside the copy.)
 *
 * <p>Not thread safe, except that {@link #force} may run beside a copy; the owner never copies or forces
 * after {@link #release}.
 */
final class MappedRoom {
    /**
     * File systems ({@link java.nio.file.FileStore#type()}) that overwrite a block in place: once zeros were
     * written over the room, a store into it allocates nothing, so a full disk cannot fault it. Copy-on-write
     * file systems (btrfs, zfs, bcachefs) allocate on every overwrite, and are not mapped.
     */
    static final java.util.Set<String> MAPPABLE_FILE_SYSTEMS = java.util.Set.of("ext4", "ext3", "xfs", "tmpfs");

    /** Whether {@code file} lies on a file system in {@link #MAPPABLE_FILE_SYSTEMS}. */
    static boolean mappable(Path file) throws IOException {
        return MAPPABLE_FILE_SYSTEMS.contains(java.nio.file.Files.getFileStore(file).type());
    }

    /** Bytes of zeros written ahead of the copies at a time. */
    static final int ZERO_FILL_CHUNK = 1 << 20;

    /** Writes zeros over {@code [from, to)} of the file with ordinary writes, so those bytes hold real blocks. */
    @FunctionalInterface
    interface ZeroFill {
        void fill(long from, long to) throws IOException;
    }

    private final Path path;
    private final MappedByteBuffer mapping;
    private final ZeroFill zeroFill;
    /** Bytes from 0 up to which the file holds real blocks (written data or zeros written ahead). */
    private long filledTo;
    /** The end of the last copy: a force covers the bytes before it. */
    private volatile long writtenTo;
    /** The end of the range the last force covered. Used by {@link #force} only. */
    private long forcedTo;
    private boolean released;

    private MappedRoom(Path path, MappedByteBuffer mapping, long writtenTo, ZeroFill zeroFill) {
        this.path = path;
        this.mapping = mapping;
        this.zeroFill = zeroFill;
        this.filledTo = writtenTo;
        this.writtenTo = writtenTo;
        this.forcedTo = writtenTo;
    }

    /**
     * Maps the first {@code length} bytes of {@code channel}'s file, whose data ends at {@code size}; the room
     * after it is filled ahead of the copies by {@code zeroFill}.
     */
    static MappedRoom map(Path path, FileChannel channel, long size, long length, ZeroFill zeroFill)
            throws IOException {
        if (length > Integer.MAX_VALUE) {
            throw new IOException("cannot map " + length + " bytes of " + path + ": at most 2 GiB - 1");
        }
        return new MappedRoom(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, length), size, zeroFill);
    }

    /** Bytes mapped. */
    long length() {
        return mapping.capacity();
    }

    /** Whether {@code bytes} more bytes written at {@code at} stay inside the mapping. */
    boolean fits(long at, long bytes) {
        return at + bytes <= mapping.capacity();
    }

    /** Copies every remaining byte of {@code buffers} to the file from {@code at}, which {@link #fits}. */
    void copy(ByteBuffer[] buffers, long at, long bytes) throws IOException {
        long end = at + bytes;
        if (end > filledTo) {
            long to = Math.min(mapping.capacity(), Math.max(end, filledTo + ZERO_FILL_CHUNK));
            zeroFill.fill(filledTo, to);
            filledTo = to;
        }
        int position = (int) at;
        try {
            for (ByteBuffer buffer : buffers) {
                int n = buffer.remaining();
                mapping.put(position, buffer, buffer.position(), n);
                buffer.position(buffer.position() + n);
                position += n;
            }
        } catch (InternalError e) {
            throw new IOException("a memory fault copying into the mapping of " + path + " at offset " + at
                    + " (no block could be allocated: is the disk full?)", e);
        }
        writtenTo = end;
    }

    /** Forces the bytes copied since the last force to stable storage. */
    void force() {
        long to = writtenTo;
        if (to > forcedTo) {
            mapping.force((int) forcedTo, (int) (to - forcedTo));
            forcedTo = to;
        }
    }

    /**
     * Unmaps the file now rather than when the collector finds the buffer, so a deleted segment gives its
     * blocks back at once. Idempotent; nothing may touch the mapping afterwards.
     */
    void release() {
        if (!released) {
            released = true;
            Unmapper.unmap(mapping);
        }
    }

    /** {@code sun.misc.Unsafe.invokeCleaner}, the JDK's way to unmap a buffer before it is collected. */
    private static final class Unmapper {
        private static final sun.misc.Unsafe UNSAFE = unsafe();

        private static sun.misc.Unsafe unsafe() {
            try {
                Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                return (sun.misc.Unsafe) field.get(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        static void unmap(MappedByteBuffer mapping) {
            if (UNSAFE != null) {
                UNSAFE.invokeCleaner(mapping);
            }
        }
    }
}
