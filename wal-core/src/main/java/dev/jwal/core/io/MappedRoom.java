package dev.jwal.core.io;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reserved room of a file, mapped shared into memory a window at a time, so an append is a memory copy
 * instead of a {@code write} call. The bytes copied are in the kernel's page cache at once, exactly as after a
 * {@code write}: a killed process loses none of them; a power loss loses what no force covered.
 * {@link #force} forces the bytes written since the last force.
 *
 * <p><b>No fault on a full disk.</b> A store into a hole of a sparse file makes the kernel allocate a block;
 * with none left it raises {@code SIGBUS}, which the JVM turns into an {@link InternalError} delivered at a
 * point of its choosing. So room is never written through the mapping before it holds real blocks: the owner
 * writes zeros ahead of the copies with ordinary writes ({@link ZeroFill}), and a full disk fails that write
 * with an {@link IOException} before any record is copied. The zeros are written on a pool thread
 * ({@link ForkJoinPool#commonPool()}) while the copies are still {@link #FILL_LOW_WATER} or more bytes behind
 * them, up to {@link #FILL_AHEAD} bytes ahead, so the appending thread only copies; should the copies catch up,
 * or that write fail, the appending thread writes the zeros itself and a failure is its own. (On a
 * copy-on-write file system an overwrite needs new blocks too; there a full disk can still fault a copy, which
 * is reported as an {@link IOException} if the JVM delivers the error inside the copy.)
 *
 * <p><b>Windows.</b> Only {@link #WINDOW} bytes around the copies are mapped. Writing back a page that is
 * mapped writable makes the kernel write-protect it in every mapping first, a TLB shootdown per page that
 * interrupts the appending thread's core; with the whole segment mapped, the write-back of each 4 MiB cost
 * more than the copies. A window the copies have left is retired, and the next force unmaps it before forcing,
 * so its pages are written back unmapped.
 *
 * <p><b>Forces by range.</b> A force covers the bytes copied since the last force and nothing else: the range
 * of the current window's mapping ({@code msync}, on Linux an {@code fdatasync} of that range) when it lies
 * there, else the range through a mapping made for the force and unmapped after it, never touched, so no page
 * of it is write-protected. Forcing the whole file would also write back the zeros written ahead of the copies,
 * pages the next copies dirty again: in a run of 1536-float appends the disk took 18% more bytes than the
 * records. Only a range too long to map at once forces the file ({@link ForceFile}, {@code fdatasync}).
 *
 * <p>Not thread safe, except that {@link #force} may run beside a copy on one other thread; the owner never
 * copies or forces after {@link #release}.
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
    /** How far ahead of the copies the pool thread writes zeros. */
    static final long FILL_AHEAD = 4L << 20;
    /** The copies this close to the end of the zeros ask the pool thread for more. */
    static final long FILL_LOW_WATER = 2L << 20;
    /** Bytes mapped at a time, from a multiple of this size. */
    static final int WINDOW = 1 << 20;

    /** Writes zeros over {@code [from, to)} of the file with ordinary writes, so those bytes hold real blocks. */
    @FunctionalInterface
    interface ZeroFill {
        void fill(long from, long to) throws IOException;
    }

    /** Maps {@code [from, from + length)} of the file read-write. */
    @FunctionalInterface
    interface MapWindow {
        MappedByteBuffer map(long from, long length) throws IOException;
    }

    /** Forces the whole file's data ({@code fdatasync}); for a range too long to map at once. */
    @FunctionalInterface
    interface ForceFile {
        void force() throws IOException;
    }

    private final Path path;
    private final long capacity;
    private final ZeroFill zeroFill;
    private final MapWindow mapWindow;
    private final ForceFile forceFile;
    /** Bytes from 0 up to which the file holds real blocks (written data or zeros written ahead). */
    private volatile long filledTo;
    /** Held while zeros are written; guards {@link #released} against a fill after {@link #release}. */
    private final ReentrantLock fillLock = new ReentrantLock();
    /** Set while a fill ahead is asked of the pool, until it ends. */
    private final AtomicBoolean fillingAhead = new AtomicBoolean();
    /** Why the last fill ahead on the pool failed, until the appending thread fills itself; or null. */
    private volatile IOException fillAheadFailure;
    /** The end of the last copy: a force covers the bytes before it. */
    private volatile long writtenTo;
    /** The end of the range the last force covered. Used by {@link #force} only. */
    private long forcedTo;
    /** The window copies go to, and where it starts; null before the first copy. Guarded by this. */
    private MappedByteBuffer window;
    private long windowStart;
    /** Windows the copies have left, to be unmapped by the next force or by {@link #release}. Guarded by this. */
    private List<MappedByteBuffer> retired = new ArrayList<>();
    /** Guarded by {@link #fillLock} (set under this too). */
    private boolean released;

    private MappedRoom(Path path, long capacity, long writtenTo, ZeroFill zeroFill, MapWindow mapWindow,
                       ForceFile forceFile) {
        this.path = path;
        this.capacity = capacity;
        this.zeroFill = zeroFill;
        this.mapWindow = mapWindow;
        this.forceFile = forceFile;
        this.filledTo = writtenTo;
        this.writtenTo = writtenTo;
        this.forcedTo = writtenTo;
    }

    /**
     * The first {@code length} bytes of a file whose data ends at {@code size}, to be mapped a window at a time
     * by {@code mapWindow} (which also maps a range to force that lies outside the window); the room after
     * {@code size} is filled ahead of the copies by {@code zeroFill}, and {@code forceFile} forces the file when
     * the bytes to force are too many to map at once.
     */
    static MappedRoom map(Path path, long size, long length, ZeroFill zeroFill, MapWindow mapWindow,
                          ForceFile forceFile) {
        return new MappedRoom(path, length, size, zeroFill, mapWindow, forceFile);
    }

    /** Whether {@code bytes} more bytes written at {@code at} stay inside the room. */
    boolean fits(long at, long bytes) {
        return at + bytes <= capacity;
    }

    /** Copies every remaining byte of {@code buffers} to the file from {@code at}, which {@link #fits}. */
    void copy(ByteBuffer[] buffers, long at, long bytes) throws IOException {
        long end = at + bytes;
        if (end > filledTo) {
            fillUpTo(end);
        }
        if (filledTo - end < FILL_LOW_WATER && filledTo < capacity && fillingAhead.compareAndSet(false, true)) {
            ForkJoinPool.commonPool().execute(() -> fillAhead(end + FILL_AHEAD));
        }
        long position = at;
        try {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    MappedByteBuffer target = windowAt(position);
                    int offset = (int) (position - windowStart);
                    int n = Math.min(buffer.remaining(), target.capacity() - offset);
                    target.put(offset, buffer, buffer.position(), n);
                    buffer.position(buffer.position() + n);
                    position += n;
                }
            }
        } catch (InternalError e) {
            throw new IOException("a memory fault copying into the mapping of " + path + " at offset " + at
                    + " (no block could be allocated: is the disk full?)", e);
        }
        writtenTo = end;
    }

    /** Writes zeros on this, the appending thread, up to {@code end} at least, unless the pool has by now. */
    private void fillUpTo(long end) throws IOException {
        fillLock.lock();
        try {
            long from = filledTo;
            if (end > from) {
                long to = Math.min(capacity, Math.max(end, from + ZERO_FILL_CHUNK));
                try {
                    zeroFill.fill(from, to);
                } catch (IOException e) {
                    IOException earlier = fillAheadFailure;
                    if (earlier != null && earlier != e) {
                        e.addSuppressed(earlier);
                    }
                    throw e;
                }
                filledTo = to;
            }
            fillAheadFailure = null;
        } finally {
            fillLock.unlock();
        }
    }

    /**
     * On a pool thread: writes zeros up to {@code target}. A failure is kept for the appending thread, which
     * writes those zeros itself when it gets there and reports its own failure (with this one).
     */
    private void fillAhead(long target) {
        fillLock.lock();
        try {
            long from = filledTo;
            long to = Math.min(capacity, target);
            if (!released && to > from) {
                zeroFill.fill(from, to);
                filledTo = to;
            }
        } catch (IOException e) {
            fillAheadFailure = e;
        } finally {
            fillLock.unlock();
            fillingAhead.set(false);
        }
    }

    /** The window holding {@code position}: the current one, or the next, mapped now (the current one retired). */
    private MappedByteBuffer windowAt(long position) throws IOException {
        MappedByteBuffer current = window;
        if (current != null && position < windowStart + current.capacity()) {
            return current;
        }
        long start = position - position % WINDOW;
        MappedByteBuffer next = mapWindow.map(start, Math.min(WINDOW, capacity - start));
        synchronized (this) {
            if (current != null) {
                retired.add(current);
            }
            window = next;
            windowStart = start;
        }
        return next;
    }

    /**
     * Forces the bytes copied since the last force to stable storage: unmaps the retired windows first, then
     * forces that range, through the current window's mapping when it lies there, else through a mapping of
     * the range alone (the whole file only when the range is too long to map).
     *
     * @throws IOException if the file's force fails
     * @throws java.io.UncheckedIOException if the mapping's force fails
     */
    void force() throws IOException {
        long to = writtenTo;
        if (to <= forcedTo) {
            return;
        }
        List<MappedByteBuffer> leftBehind;
        MappedByteBuffer current;
        long currentStart;
        synchronized (this) {
            leftBehind = retired;
            retired = new ArrayList<>();
            current = window;
            currentStart = windowStart;
        }
        for (MappedByteBuffer old : leftBehind) {
            Unmapper.unmap(old);
        }
        if (current != null && forcedTo >= currentStart) {
            // The copies up to `to` were made before `current` was read, so they end inside it.
            current.force((int) (forcedTo - currentStart), (int) (to - forcedTo));
        } else if (to - forcedTo <= Integer.MAX_VALUE) {
            MappedByteBuffer range = mapWindow.map(forcedTo, to - forcedTo);
            try {
                range.force();
            } finally {
                Unmapper.unmap(range);
            }
        } else {
            forceFile.force();
        }
        forcedTo = to;
    }

    /**
     * Unmaps every window now rather than when the collector finds them, so a deleted segment gives its blocks
     * back at once. Idempotent; nothing may touch the room afterwards.
     */
    void release() {
        fillLock.lock(); // a fill ahead running now ends first; none starts after
        try {
            releaseWindows();
        } finally {
            fillLock.unlock();
        }
    }

    private synchronized void releaseWindows() {
        if (!released) {
            released = true;
            for (MappedByteBuffer old : retired) {
                Unmapper.unmap(old);
            }
            retired = List.of();
            if (window != null) {
                Unmapper.unmap(window);
                window = null;
            }
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
